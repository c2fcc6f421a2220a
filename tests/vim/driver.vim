" Drive Vim + ALE the way a user would, after the docs' vimrc (loaded with -u).
" Usage: FILE=/repo/app.py vim -N -u vimrc -i NONE -es -S driver.vim
" Writes one JSON object to stdout; exit status 0 when every step ran.
let s:out = {'ok': v:false, 'shown': []}
let s:timeout_ms = str2nr(empty($LSP_TIMEOUT_MS) ? '20000' : $LSP_TIMEOUT_MS)

function! s:Finish(code) abort
  call writefile([json_encode(s:out)], '/dev/stdout')
  execute a:code == 0 ? 'qall!' : ('cquit ' . a:code)
endfunction

function! s:Wait(Pred, what) abort
  let l:waited = 0
  while !a:Pred() && l:waited < s:timeout_ms
    sleep 50m
    let l:waited += 50
  endwhile
  if !a:Pred()
    let s:out.error = 'timeout waiting for ' . a:what
    call s:Finish(3)
  endif
endfunction

" What ALE showed: the echo area goes nowhere in -es mode, long texts open ALE's preview window.
function! s:Preview() abort
  for l:win in range(1, winnr('$'))
    if getwinvar(l:win, '&filetype') =~# '^ale-preview'
      return join(getbufline(winbufnr(l:win), 1, '$'), "\n")
    endif
  endfor
  return ''
endfunction

" ALE asks which code action to run with ale#util#Input (a numbered list): answer as a user
" would, with the number of the action whose title starts with s:want.
runtime autoload/ale/util.vim
let s:want = ''
function! ale#util#Input(message, value, ...) abort
  let l:lines = split(a:message, "\n")
  call add(s:out.shown, a:message)
  for l:line in l:lines
    let l:m = matchlist(l:line, '^\(\d\+\)) \(.*\)$')
    if !empty(l:m) && stridx(l:m[2], s:want) == 0
      return l:m[1]
    endif
  endfor
  return ''
endfunction

try
  execute 'edit ' . fnameescape($FILE)
  let s:buf = bufnr('')
  let s:out.filetype = &filetype
  let s:out.python_linters = map(ale#linter#Get('python'), 'v:val.name')
  ALELint
  call s:Wait({-> !empty(filter(copy(ale#engine#GetLoclist(s:buf)), 'v:val.linter_name is# "byok_lsp"'))}, 'diagnostics')
  let s:out.loclist = map(filter(copy(ale#engine#GetLoclist(s:buf)), 'v:val.linter_name is# "byok_lsp"'),
  \ {_, d -> {'lnum': d.lnum, 'col': d.col, 'end_col': get(d, 'end_col', -1), 'code': get(d, 'code', ''), 'text': d.text}})
  let s:diag = filter(copy(s:out.loclist), 'v:val.code is# "BYOK101"')
  if empty(s:diag)
    let s:out.error = 'no BYOK101 in the location list'
    call s:Finish(4)
  endif
  let s:diag = s:diag[0]

  " hover at the model id
  call cursor(s:diag.lnum, s:diag.col + 2)
  ALEHover
  call s:Wait({-> s:Preview() =~# 'BYOK'}, 'the hover')
  let s:out.hover = s:Preview()
  pclose

  " "Open ... page": the URL must be shown
  call cursor(s:diag.lnum, s:diag.col + 2)
  let s:want = "Open OpenRouter's BYOK integrations page"
  ALECodeAction
  call s:Wait({-> s:Preview() =~# 'https://openrouter.ai/settings/integrations'
  \ || execute('messages') =~# 'https://openrouter.ai/settings/integrations'}, 'the URL shown')
  let s:out.open_page_shown = s:Preview() . execute('messages')
  pclose

  " the quick fix, applied by ALE to the buffer, then written
  call cursor(s:diag.lnum, s:diag.col + 2)
  let s:want = 'Switch to openai/o3-mini'
  ALECodeAction
  call s:Wait({-> getline(s:diag.lnum) =~# 'openai/o3-mini'}, 'the fix in the buffer')
  write
  let s:out.ok = v:true
  call s:Finish(0)
catch
  let s:out.error = v:exception . ' at ' . v:throwpoint
  call s:Finish(2)
endtry
