;;; driver.el --- drive Emacs + eglot the way a user would, after the docs' init snippet -*- lexical-binding: t -*-
;; Usage: FILE=/repo/app.py emacs --batch -l init.el -l driver.el   (init.el: docs/editors.md verbatim)
;; Prints one JSON object on stdout; exit status 0 when every step ran.
(require 'json)
(require 'cl-lib)
(require 'flymake)

(defvar byok-file (getenv "FILE"))
(defvar byok-timeout (string-to-number (or (getenv "LSP_TIMEOUT") "20")))
(defvar byok-out nil)
(defvar byok-shown nil "Messages shown in the echo area (stderr in batch mode).")
(advice-add 'message :filter-return (lambda (s) (when (stringp s) (push s byok-shown)) s))

(defun byok-finish (code)
  (push (cons 'messages (vconcat (reverse byok-shown))) byok-out)
  (princ (concat (json-encode byok-out) "\n"))
  (kill-emacs code))

(defun byok-wait (pred what)
  (let ((deadline (+ (float-time) byok-timeout)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall pred) (push (cons 'error (format "timeout waiting for %s" what)) byok-out) (byok-finish 3))))

(defun byok-command-loop-turn ()
  "What the command loop runs after each command: eglot-ensure connects from post-command-hook."
  (run-hooks 'post-command-hook))

(defun byok-pick (title beg end)
  "Run `eglot-code-actions' interactively at BEG..END and pick the action whose title starts with TITLE."
  (let ((last-nonmenu-event 13)  ; a key, not a mouse click: the menu is a completing-read
        (eglot-confirm-server-initiated-edits nil))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt items &rest _)
                 (or (cl-find-if (lambda (item) (string-prefix-p title (car item))) items)
                     (error "no action %S in %S" title (mapcar #'car items)))
                 (car (cl-find-if (lambda (item) (string-prefix-p title (car item))) items)))))
      (eglot-code-actions beg end nil t))))

(defun byok-diag-json (d)
  (save-excursion
    (goto-char (flymake-diagnostic-beg d))
    ;; characters from the line start (current-column would count display width: CJK is 2 wide)
    (list (cons 'line (1- (line-number-at-pos))) (cons 'col (- (point) (line-beginning-position)))
          (cons 'end_col (progn (goto-char (flymake-diagnostic-end d)) (- (point) (line-beginning-position))))
          (cons 'text (flymake-diagnostic-text d)))))

(condition-case err
    (progn
      (find-file byok-file)
      (byok-command-loop-turn)
      (byok-wait (lambda () (and (eglot-current-server) (flymake-diagnostics))) "diagnostics")
      (let* ((server (eglot-current-server))
             (diag (cl-find-if (lambda (d) (string-match-p "BYOK101" (flymake-diagnostic-text d)))
                               (flymake-diagnostics))))
        (push (cons 'flymake (vconcat (mapcar #'byok-diag-json (flymake-diagnostics)))) byok-out)
        (unless diag (push '(error . "no BYOK101 diagnostic") byok-out) (byok-finish 4))
        ;; hover where the user's point is: eglot computes the LSP position itself
        (goto-char (+ (flymake-diagnostic-beg diag) 2))
        (push (cons 'hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
              byok-out)
        (let ((beg (flymake-diagnostic-beg diag)) (end (flymake-diagnostic-end diag)))
          ;; "open page": no window/showDocument in eglot 1.9, the URL must be shown
          (byok-pick "Open OpenRouter's BYOK integrations page" beg end)
          (byok-wait (lambda () (cl-some (lambda (m) (string-match-p "https://openrouter.ai/settings/integrations" m))
                                         byok-shown))
                     "the page's URL in a message")
          (byok-pick "Switch to openai/o3-mini" beg end))
        (save-buffer)
        (push (cons 'saved t) byok-out)
        ;; .env opens in conf-unix-mode and joins the same server (no second one)
        (find-file (expand-file-name ".env" (file-name-directory byok-file)))
        (byok-command-loop-turn)
        (push (cons 'env_mode (symbol-name major-mode)) byok-out)
        (push (cons 'env_same_server (eq (eglot-current-server) server)) byok-out)
        (push (cons 'servers (length (hash-table-values eglot--servers-by-project))) byok-out)
        (push (cons 'server_count (cl-loop for v being the hash-values of eglot--servers-by-project sum (length v)))
              byok-out)
        (eglot-shutdown server)
        (push '(ok . t) byok-out)
        (byok-finish 0)))
  (error (push (cons 'error (format "%S" err)) byok-out) (byok-finish 2)))
