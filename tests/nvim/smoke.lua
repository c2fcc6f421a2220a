-- Headless Neovim (0.7+) against `python -m byok_lsp serve`: diagnostics arrive, hover, a code
-- action resolved and applied by Neovim itself, then the diagnostic is gone after didChange.
--
-- Usage: PYTHON=.venv/bin/python FILE=app.py nvim --headless -u NONE -i NONE -n -c 'luafile smoke.lua'
-- Prints one JSON line on stdout; exit status 0 when every step passed.
local python = vim.env.PYTHON or 'python3'
local file = vim.fn.fnamemodify(vim.env.FILE or 'app.py', ':p')
local want_title = vim.env.ACTION or 'Switch to openai/o3-mini'
local timeout = tonumber(vim.env.LSP_TIMEOUT_MS or '15000')

local out = { ok = false, steps = {} }
local function finish(code)
  io.stdout:write(vim.fn.json_encode(out) .. '\n')
  io.stdout:flush()
  vim.cmd((code == 0) and 'qall!' or ('cquit ' .. code))
end

local published = {}
local shown = {}  -- window/showMessage, as Neovim shows it (its own handler still runs)
local client_id = vim.lsp.start_client({
  name = 'byok-lsp',
  cmd = { python, '-m', 'byok_lsp', 'serve', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      table.insert(published, result)
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
    ['window/showMessage'] = function(err, result, ctx, config)
      table.insert(shown, result.message)
      return vim.lsp.handlers['window/showMessage'](err, result, ctx, config)
    end,
  },
  on_exit = function(code, signal) out.server_exit = { code = code, signal = signal } end,
})
if not client_id then out.error = 'start_client failed'; return finish(2) end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
local uri = vim.uri_from_bufnr(bufnr)

local function latest()
  for i = #published, 1, -1 do
    if published[i].uri == uri then return published[i] end
  end
end

-- 1. diagnostics pushed after didOpen
if not vim.wait(timeout, function() return latest() ~= nil end, 20) then
  out.error = 'timeout waiting for diagnostics'; return finish(3)
end
local first = latest()
out.lsp_diagnostics = first.diagnostics
out.vim_diagnostics = vim.tbl_map(function(d)
  return { lnum = d.lnum, col = d.col, end_col = d.end_col, code = d.code, source = d.source }
end, vim.diagnostic.get(bufnr))
local client = vim.lsp.get_client_by_id(client_id)
out.offset_encoding = client.offset_encoding
local diag
for _, d in ipairs(first.diagnostics) do
  if d.code == 'BYOK101' then diag = d end
end
if not diag then out.error = 'no BYOK101 diagnostic'; return finish(4) end
table.insert(out.steps, 'diagnostics')

-- 2. hover on the diagnostic's start
local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = diag.range.start },
  timeout, bufnr)
out.hover = hover and hover.result and hover.result.contents
if out.hover then table.insert(out.steps, 'hover') end

-- 3. code actions for the diagnostic, then resolve the chosen one (Neovim 0.7 resolves `edit`)
local actions = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = uri }, range = diag.range, context = { diagnostics = { diag } },
}, timeout, bufnr)
out.action_titles = {}
local chosen
for _, a in ipairs((actions and actions.result) or {}) do
  table.insert(out.action_titles, a.title)
  if not chosen and a.title:sub(1, #want_title) == want_title then chosen = a end
end
if not chosen then out.error = 'no action ' .. want_title; return finish(5) end
-- "Open … page" runs its command; Neovim 0.7 has no window/showDocument, so the URL must be shown
for _, a in ipairs(actions.result) do
  if a.title:sub(1, 9) == 'Open Open' and a.command then
    vim.lsp.buf.execute_command(a.command)
    vim.wait(timeout, function() return #shown > 0 end, 20)
    out.open_page_shown = shown
    break
  end
end
if not chosen.edit and chosen.data then
  local resolved = client.request_sync('codeAction/resolve', chosen, timeout, bufnr)
  chosen = resolved and resolved.result or chosen
end
if not chosen.edit then out.error = 'the action has no edit after resolve'; return finish(6) end
table.insert(out.steps, 'code action')

-- 4. Neovim applies the edit to the buffer -> didChange -> the diagnostic is gone
local before = #published
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
vim.wait(timeout, function()
  local p = latest()
  if #published == before or not p then return false end
  for _, d in ipairs(p.diagnostics) do
    if d.code == 'BYOK101' then return false end
  end
  return true
end, 20)
local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
out.after_fix = { text = table.concat(lines, '\n'), codes = vim.tbl_map(function(d) return d.code end, latest().diagnostics) }
local still = false
for _, code in ipairs(out.after_fix.codes) do
  if code == 'BYOK101' then still = true end
end
if not still then table.insert(out.steps, 'fixed') end

out.ok = #out.steps == 4
client.stop()
vim.wait(3000, function() return client.is_stopped() end, 20)
finish(out.ok and 0 or 1)
