-- Run after docs/editors.md's Neovim 0.7 snippet was loaded as init.lua and app.py was opened:
-- the snippet's autocommand must have started one byok-lsp client for the repository, whose
-- diagnostics land on the model id; a .env of the same repository joins the same client.
-- Prints one JSON line on stdout; exit status 0 when every step passed.
local timeout = tonumber(vim.env.LSP_TIMEOUT_MS or '20000')
local out = { ok = false }
local function finish(code)
  io.stdout:write(vim.fn.json_encode(out) .. '\n')
  io.stdout:flush()
  vim.cmd((code == 0) and 'qall!' or ('cquit ' .. code))
end

local app = vim.api.nvim_get_current_buf()
local function byok_clients(bufnr)
  local found = {}
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == 'byok-lsp' then table.insert(found, c.id) end
  end
  return found
end
if not vim.wait(timeout, function() return #byok_clients(app) == 1 end, 20) then
  out.error = 'the snippet attached no byok-lsp client to app.py'; return finish(2)
end
out.filetype = vim.bo[app].filetype
local function codes(bufnr)
  return vim.tbl_map(function(d) return { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col } end,
    vim.diagnostic.get(bufnr))
end
if not vim.wait(timeout, function() return #vim.diagnostic.get(app) > 0 end, 20) then
  out.error = 'no diagnostics for app.py'; return finish(3)
end
out.app_diagnostics = codes(app)
out.app_client = byok_clients(app)[1]

vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.fnamemodify(vim.env.FILE, ':h') .. '/.env'))
local env = vim.api.nvim_get_current_buf()
if not vim.wait(timeout, function() return #byok_clients(env) == 1 end, 20) then
  out.error = 'the snippet attached no byok-lsp client to .env'; return finish(4)
end
out.env_client = byok_clients(env)[1]
out.clients = #vim.tbl_filter(function(c) return c.name == 'byok-lsp' end, vim.lsp.get_active_clients())
if not vim.wait(timeout, function() return #vim.diagnostic.get(env) > 0 end, 20) then
  out.error = 'no diagnostics for .env'; return finish(5)
end
out.env_diagnostics = codes(env)
out.ok = true
finish(0)
