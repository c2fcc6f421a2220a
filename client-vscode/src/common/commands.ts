// The client's commands (package.json `contributes.commands`). Those that wrap a server command
// use `byok-lsp.client.*` ids: vscode-languageclient already registers every server command under
// its own id, and a second registration of the same id would make the client fail to start.
import * as vscode from 'vscode';
import { ResponseError } from 'vscode-languageclient/node';
import { revealEnvVariable } from './codeActions';
import { CLIENT_ID, ClientCommand, PAID_PROBE_COST, PAID_PROBE_MODEL, ServerCommand, Url, WALKTHROUGH_ID } from './constants';
import { logChannel, logError, maskSecrets } from './log';
import { ManagementKey, validateManagementKey } from './managementKey';
import { ServerManager, ServerNotRunningError } from './server';
import { readServerSettings } from './settings';

const TURN_ON = 'Turn On Online Checks';
const OPEN_SETTING = 'Open Setting';
const MANAGE_TRUST = 'Manage Workspace Trust';

const DOC_SCHEME = 'byok-lsp-doc';

/** Read-only markdown documents (explanations, reports), shown in the markdown preview: no webview,
 *  no dirty untitled buffer left behind. */
class MarkdownDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.path) ?? '';
  }

  async show(title: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: DOC_SCHEME, path: `/${++this.counter}/${title.replace(/[^\w.-]+/g, '-')}.md` });
    this.docs.set(uri.path, markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
  }
}

/** What a server command answered, for a notification (`summary`) and a details page (`markdown`). */
export interface Outcome {
  failed: boolean;
  summary: string;
  markdown?: string;
}

function field(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value.trim().length > 0) {
      return value;
    }
  }
  return undefined;
}

/** Server results are objects such as `{ok, summary, tooltip, notes}`, `{ok: false, error}`,
 *  `{markdown}` or `{ok, folders: [...]}`; strings are taken as markdown. */
export function describeResult(result: unknown): Outcome | undefined {
  if (result === null || result === undefined) {
    return undefined;
  }
  if (typeof result === 'string') {
    return { failed: false, summary: firstLine(result), markdown: result };
  }
  if (typeof result !== 'object') {
    return { failed: false, summary: JSON.stringify(result) };
  }
  const record = result as Record<string, unknown>;
  if (Array.isArray(record.folders)) {
    const parts = record.folders.map(describeResult).filter((o): o is Outcome => o !== undefined);
    return {
      failed: parts.some((o) => o.failed),
      summary: parts.map((o) => o.summary).join(' · '),
      markdown: parts.map((o) => o.markdown ?? o.summary).join('\n\n---\n\n'),
    };
  }
  const error = field(record, 'error');
  if (record.ok === false && error) {
    return { failed: true, summary: error };
  }
  const markdown = field(record, 'markdown');
  const summary = field(record, 'summary', 'text', 'message') ?? (markdown ? firstLine(markdown) : undefined);
  const notes = Array.isArray(record.notes) ? record.notes.filter((n): n is string => typeof n === 'string') : [];
  const tooltip = field(record, 'tooltip');
  // One list item per line: Markdown joins single newlines, which ran the checks together.
  const lines = (tooltip ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const checkedAt = field(record, 'checked_at');
  const details =
    markdown ??
    ([
      summary ? `### ${summary}` : '',
      lines.length > 1 ? lines.map((l) => `- ${l}`).join('\n') : (lines[0] ?? ''),
      notes.length ? `**Notes**\n\n${notes.map((n) => `- ${n}`).join('\n')}` : '',
      checkedAt ? `_Checked at ${checkedAt}._` : '',
    ]
      .filter(Boolean)
      .join('\n\n') || undefined);
  return { failed: false, summary: summary ?? 'done', markdown: details };
}

function firstLine(markdown: string): string {
  const line = markdown.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.replace(/^#+\s*/, '').replace(/[*_`]/g, '').trim();
}

async function reportFailure(action: string, error: unknown): Promise<void> {
  logError(`${action} failed`, error);
  const message =
    error instanceof ServerNotRunningError
      ? error.message
      : `byok-lsp: ${action} failed: ${maskSecrets(error instanceof ResponseError || error instanceof Error ? error.message : String(error))}`;
  const choice = await vscode.window.showErrorMessage(message, 'Show Log', 'Restart Server');
  if (choice === 'Show Log') {
    logChannel().show(true);
  } else if (choice === 'Restart Server') {
    await vscode.commands.executeCommand(ClientCommand.restart);
  }
}

async function requireTrust(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  const choice = await vscode.window.showWarningMessage(
    `byok-lsp does not ${what} in a restricted workspace. Trust this workspace first.`,
    'Manage Workspace Trust',
  );
  if (choice) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
  return false;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  server: ServerManager,
  managementKey: ManagementKey,
): void {
  const documents = new MarkdownDocuments();

  /** Runs a server command with a progress notification; shows a short result with "Details". */
  const run = async (title: string, command: string, args: unknown[] = []): Promise<Outcome | undefined> => {
    try {
      const outcome = describeResult(
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `byok-lsp: ${title}…` },
          () => server.executeServerCommand(command, args),
        ),
      );
      await showOutcome(title, outcome, () => run(title, command, args));
      return outcome;
    } catch (error) {
      await reportFailure(title, error);
      return undefined;
    }
  };

  const showOutcome = async (title: string, outcome: Outcome | undefined, retry?: () => unknown): Promise<void> => {
    if (!outcome) {
      vscode.window.setStatusBarMessage(`byok-lsp: ${title} done`, 4000);
      return;
    }
    const more = outcome.markdown !== undefined && outcome.markdown.trim() !== outcome.summary;
    const show = outcome.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    // A refusal because online checks are off (or the workspace is restricted) offers the way out.
    const blocked = outcome.failed && !readServerSettings().onlineChecks;
    const buttons = blocked
      ? vscode.workspace.isTrusted
        ? [TURN_ON, OPEN_SETTING]
        : [MANAGE_TRUST]
      : more
        ? ['Details']
        : [];
    const choice = await show(`byok-lsp: ${title}: ${maskSecrets(outcome.summary)}`, ...buttons);
    if (choice === 'Details' && outcome.markdown) {
      await documents.show(title, outcome.markdown);
    } else if (choice === TURN_ON) {
      if (await enableOnlineChecks()) {
        await retry?.();
      }
    } else if (choice === OPEN_SETTING) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'byok-lsp.onlineChecks');
    } else if (choice === MANAGE_TRUST) {
      await vscode.commands.executeCommand('workbench.trust.manage');
    }
  };

  /** Turns on the user setting (never a workspace one: a repository must not switch it on). */
  const enableOnlineChecks = async (): Promise<boolean> => {
    if (!(await requireTrust('run online checks'))) {
      return false;
    }
    await vscode.workspace.getConfiguration(CLIENT_ID).update('onlineChecks', true, vscode.ConfigurationTarget.Global);
    // Tell the server now, and wait (bounded) until it has read the new settings: it reads them
    // back with workspace/configuration, so a verification sent right away could still be refused.
    await server.notifyConfigurationChanged().catch((error) => logError('Sending settings to the server', error));
    for (let attempt = 0; attempt < 20; attempt++) {
      const status = await server.executeServerCommand(ServerCommand.status).catch(() => undefined);
      const allowed = status && typeof status === 'object' ? (status as { onlineChecks?: unknown }).onlineChecks : undefined;
      if (allowed !== false) {
        break; // true, or a server that does not say
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    vscode.window.setStatusBarMessage('byok-lsp: online checks on', 4000);
    return true;
  };

  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };

  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, documents));

  register(ClientCommand.restart, () => server.requestRestart('restart command', 0));
  register(ClientCommand.showLog, () => logChannel().show());
  register(ClientCommand.openByokPage, () => vscode.env.openExternal(vscode.Uri.parse(Url.byokIntegrations)));
  register(ClientCommand.showSetupGuide, () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
  );

  register(ClientCommand.recheckWorkspace, () => run('Recheck workspace', ServerCommand.recheckWorkspace));
  register(ClientCommand.verifyKeys, () => run('Verify keys', ServerCommand.verifyKeys));
  register(ClientCommand.enableOnlineChecks, async () => {
    if (await enableOnlineChecks()) {
      await run('Verify keys', ServerCommand.verifyKeys);
    }
  });
  register(ClientCommand.revealEnvVariable, (uri?: unknown, name?: unknown) => revealEnvVariable(uri, name));
  register(ClientCommand.showRuleDocs, async (arg?: unknown) => {
    const code =
      typeof arg === 'string'
        ? arg
        : await vscode.window.showInputBox({ title: 'byok-lsp: Show Rule Documentation', prompt: 'Rule code, such as BYOK101' });
    if (!code?.trim()) {
      return;
    }
    try {
      const outcome = describeResult(await server.executeServerCommand(ServerCommand.explainError, [{ text: code.trim(), show: false }]));
      if (!outcome?.markdown) {
        void vscode.window.showInformationMessage(`byok-lsp: no documentation for ${code.trim()}.`);
        return;
      }
      await documents.show(code.trim().toUpperCase(), outcome.markdown);
    } catch (error) {
      await reportFailure('Show rule documentation', error);
    }
  });

  register(ClientCommand.runPaidProbe, async (arg?: unknown) => {
    const model =
      typeof arg === 'string'
        ? arg
        : arg && typeof (arg as { model?: unknown }).model === 'string'
          ? (arg as { model: string }).model
          : PAID_PROBE_MODEL;
    if (!(await requireTrust('send paid requests'))) {
      return;
    }
    // Ask the server first (nothing is sent without `confirmed: true`): it refuses when online checks
    // are off, and may know the model's current price.
    let serverCost: string | undefined;
    try {
      const answer = await server.executeServerCommand(ServerCommand.runPaidProbe, [{ model, confirmed: false }]);
      const outcome = describeResult(answer);
      if (outcome?.failed) {
        await showOutcome('Paid probe', outcome);
        return;
      }
      serverCost = answer && typeof answer === 'object' ? field(answer as Record<string, unknown>, 'cost') : undefined;
    } catch (error) {
      await reportFailure('Paid probe', error);
      return;
    }
    const cost =
      model === PAID_PROBE_MODEL
        ? PAID_PROBE_COST
        : `sends one minimal chat request to ${model} through OpenRouter, billed to your account at that model's price`;
    const confirm = 'Run Paid Probe';
    const choice = await vscode.window.showWarningMessage(
      `Run a paid probe of ${model}?`,
      {
        modal: true,
        detail:
          `This ${cost}.` +
          (serverCost ? `\n${serverCost}` : '') +
          '\nThe answer (or the 403) tells for certain whether OpenRouter accepts your BYOK setup, and its rate-limit headers estimate your OpenAI tier.',
      },
      confirm,
    );
    if (choice === confirm) {
      await run('Paid probe', ServerCommand.runPaidProbe, [{ model, confirmed: true }]);
    }
  });

  register(ClientCommand.explainError, async () => {
    const editor = vscode.window.activeTextEditor;
    let text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    if (!text.trim()) {
      text =
        (await vscode.window.showInputBox({
          title: 'byok-lsp: Explain Error',
          prompt: 'Paste an error message from OpenRouter or OpenAI, a rule code such as BYOK101, or a model id such as openai/o3',
          ignoreFocusOut: true,
        })) ?? '';
    }
    if (!text.trim()) {
      return;
    }
    try {
      // show: false — the explanation opens here, not as the server's own popup too
      const outcome = describeResult(await server.executeServerCommand(ServerCommand.explainError, [{ text, show: false }]));
      const markdown = outcome?.markdown;
      if (!markdown) {
        void vscode.window.showInformationMessage('byok-lsp: no explanation for that text.');
        return;
      }
      await documents.show('Explanation', markdown);
    } catch (error) {
      await reportFailure('Explain error', error);
    }
  });

  register(ClientCommand.setManagementKey, async () => {
    const key = await vscode.window.showInputBox({
      title: 'byok-lsp: OpenRouter management key',
      prompt:
        'Stored in VS Code\'s secret storage (your OS keychain), never in settings. Lets online checks see whether an OpenAI key is registered for BYOK.',
      password: true,
      ignoreFocusOut: true,
      validateInput: validateManagementKey,
    });
    if (key === undefined) {
      return;
    }
    await managementKey.store(key.trim()); // the secret-change listener hands it to the server
    void vscode.window.showInformationMessage(
      vscode.workspace.isTrusted
        ? 'byok-lsp: management key stored.'
        : 'byok-lsp: management key stored. It is used once you trust this workspace.',
    );
  });

  register(ClientCommand.clearManagementKey, async () => {
    await managementKey.clear();
    void vscode.window.showInformationMessage('byok-lsp: management key removed.');
  });
}
