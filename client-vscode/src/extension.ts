// Wiring only: each concern lives in src/common/*. Every path that needs a new server process goes
// through ServerManager.requestRestart (debounced, serialized).
import * as vscode from 'vscode';
import { registerCommands } from './common/commands';
import { createLogChannel, logError, logInfo } from './common/log';
import { ManagementKey } from './common/managementKey';
import { onDidChangePythonInterpreter, showLaunchFailure } from './common/python';
import { ServerManager } from './common/server';
import { affectsServerSettings, readLaunchSettings, readServerSettings, requiresRestart } from './common/settings';
import { StatusBar } from './common/status';
import { WalkthroughProgress } from './common/walkthrough';

let server: ServerManager | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const log = createLogChannel();
  const status = new StatusBar(() => readServerSettings().onlineChecks);
  const walkthrough = new WalkthroughProgress();
  const managementKey = new ManagementKey(context.secrets);
  server = new ServerManager(context.extensionPath, status, (failure) => void showLaunchFailure(failure, context.extensionPath));
  const manager = server;
  context.subscriptions.push(log, status, manager);
  void walkthrough.onlineChecks(readServerSettings().onlineChecks);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  logInfo(`byok-lsp ${version} activating (VS Code ${vscode.version})`);

  registerCommands(context, manager, managementKey);

  context.subscriptions.push(
    manager.onDidStart((client) => void managementKey.sendTo(client, () => manager.applyTrace())),
    manager.onDidReceiveSteps((steps) => void walkthrough.update(steps)),
    managementKey.onDidChange(() => {
      const client = manager.running;
      if (client) {
        void managementKey.sendTo(client, () => manager.applyTrace(), true);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (requiresRestart(e)) {
        void manager.requestRestart('launch settings changed');
      } else if (affectsServerSettings(e)) {
        manager.notifyConfigurationChanged().catch((error) => logError('Sending settings to the server', error));
      }
      if (e.affectsConfiguration('byok-lsp.onlineChecks')) {
        void walkthrough.onlineChecks(readServerSettings().onlineChecks);
        status.render();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      status.render();
      void manager.requestRestart('workspace trusted');
    }),
    log.onDidChangeLogLevel(() => void manager.applyTrace()),
  );

  // The Python extension is optional and may activate slowly: subscribe in the background. Its
  // interpreter only matters when byok-lsp.interpreter is empty and the workspace is trusted.
  onDidChangePythonInterpreter(() => {
    if (readLaunchSettings().interpreter.length === 0 && vscode.workspace.isTrusted) {
      void manager.requestRestart('Python extension interpreter changed');
    }
  }).then(
    (subscription) => context.subscriptions.push(subscription),
    (error) => logError('Watching the Python extension interpreter', error),
  );

  void manager.requestRestart('activation', 0);
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
