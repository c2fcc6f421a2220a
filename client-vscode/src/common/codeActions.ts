// Quick fixes that finish the job on the client side (vscode-languageclient middleware):
//  - a fix that adds an empty `NAME=` line to a .env file then opens that file with the cursor
//    after `=`, where the user types the value (the server cannot know it);
//  - every byok-lsp finding gets "Show documentation for BYOKnnn" (the rule's docs, from the server).
import * as path from 'path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ClientCommand, DIAGNOSTIC_SOURCE } from './constants';

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/m;

/** `.env`, `.env.local`, `prod.env`: the files whose empty new line the user must fill in. */
function isEnvFile(uri: vscode.Uri): boolean {
  const name = path.basename(uri.fsPath);
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

/** The variable an edit adds with an empty value to a .env file (not .env.example: a template). */
export function emptyVariableAdded(edit: vscode.WorkspaceEdit | undefined): { uri: vscode.Uri; name: string } | undefined {
  if (!edit) {
    return undefined;
  }
  for (const [uri, edits] of edit.entries()) {
    if (!isEnvFile(uri) || /example|sample|template/i.test(path.basename(uri.fsPath))) {
      continue;
    }
    for (const e of edits) {
      const match = ASSIGNMENT.exec(e.newText.replace(/^\r?\n/, ''));
      if (match && match[2].trim() === '') {
        return { uri, name: match[1] };
      }
    }
  }
  return undefined;
}

// VS Code copies only `edit` from a resolved code action (CodeActionItem.resolve), so the command
// must be attached when the action is offered: from the edit when it is there, else from the
// server's title ("Add NAME= to .env"), and the file is taken from the edit once resolved.
const ADD_TITLE = /^Add ([A-Za-z_][A-Za-z0-9_]*)= to /;
let lastResolved: { uri: vscode.Uri; name: string } | undefined;

function withEnvReveal(action: vscode.CodeAction): vscode.CodeAction {
  if (action.command) {
    return action;
  }
  const added = emptyVariableAdded(action.edit);
  const name = added?.name ?? (action.edit ? undefined : ADD_TITLE.exec(action.title)?.[1]);
  if (name) {
    // VS Code applies the edit first, then runs the command.
    action.command = { title: action.title, command: ClientCommand.revealEnvVariable, arguments: [added?.uri.toString() ?? null, name] };
  }
  return action;
}

/** Opens `uri` with the cursor at the end of the last `NAME=` line (after the edit was applied). */
export async function revealEnvVariable(uriText: unknown, name: unknown): Promise<void> {
  if (typeof name !== 'string') {
    return;
  }
  const uri = typeof uriText === 'string' ? vscode.Uri.parse(uriText) : lastResolved?.name === name ? lastResolved.uri : undefined;
  if (!uri) {
    return; // the fix did not add an empty line to a .env file (e.g. it filled in .env.example only)
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const pattern = new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);
  for (let line = document.lineCount - 1; line >= 0; line--) {
    const text = document.lineAt(line).text;
    if (pattern.test(text)) {
      const end = new vscode.Position(line, text.length);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(end, end), preview: false });
      return;
    }
  }
  await vscode.window.showTextDocument(document, { preview: false });
}

function ruleCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' && diagnostic.code !== null ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && /^BYOK\d{3}$/.test(code) ? code : undefined;
}

function docsActions(context: vscode.CodeActionContext): vscode.CodeAction[] {
  if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) {
    return [];
  }
  const codes = new Map<string, vscode.Diagnostic>();
  for (const d of context.diagnostics) {
    const code = d.source === DIAGNOSTIC_SOURCE ? ruleCode(d) : undefined;
    if (code && !codes.has(code)) {
      codes.set(code, d);
    }
  }
  return [...codes.entries()].map(([code, diagnostic]) => {
    const action = new vscode.CodeAction(`Show documentation for ${code}`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.command = { title: action.title, command: ClientCommand.showRuleDocs, arguments: [code] };
    return action;
  });
}

export const codeActionMiddleware: Pick<Middleware, 'provideCodeActions' | 'resolveCodeAction'> = {
  async provideCodeActions(document, range, context, token, next) {
    const actions = (await next(document, range, context, token)) ?? [];
    const out = actions.map((a) => (a instanceof vscode.CodeAction ? withEnvReveal(a) : a));
    return [...out, ...docsActions(context)];
  },
  async resolveCodeAction(item, token, next) {
    lastResolved = undefined;
    const resolved = await next(item, token);
    const added = emptyVariableAdded(resolved?.edit ?? undefined);
    if (added) {
      lastResolved = added;
    }
    return resolved;
  },
};
