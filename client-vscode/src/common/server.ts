// The language client's life cycle behind one debounced, serialized restart path. Every trigger
// (activation, the restart command, interpreter or launch-setting changes, trust granted) calls
// requestRestart(); bursts coalesce into one restart and restarts never overlap.
import * as vscode from 'vscode';
import {
  CancellationToken,
  ConfigurationParams,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { codeActionMiddleware } from './codeActions';
import {
  CLIENT_ID,
  CLIENT_NAME,
  DOCUMENT_SELECTOR,
  SERVER_MODULE,
  MARKDOWN_ENABLED_COMMANDS,
  RESTART_DELAY_MS,
  ServerCommand,
  STATUS_NOTIFICATION,
} from './constants';
import { logChannel, logError, logInfo, logWarn, traceFromLogLevel } from './log';
import { ChildProcess, spawn } from 'child_process';
import {
  isLaunchFailure,
  isSameLaunch,
  LaunchFailure,
  likelyLaunch,
  resolveServerLaunch,
  ServerLaunch,
  serverEnv,
} from './python';
import { readLaunchSettings, readServerSettings, ServerSettings, traceSetting } from './settings';
import { StatusBar } from './status';

export class ServerNotRunningError extends Error {
  constructor() {
    super('The byok-lsp server is not running. Run "byok-lsp: Restart Server" or see the byok-lsp output.');
  }
}

export interface InitializationOptions {
  settings: ServerSettings;
  workspaceTrusted: boolean;
}

/** Answers workspace/configuration for our section from the typed, trust-filtered settings. */
function configurationMiddleware(
  params: ConfigurationParams,
  token: CancellationToken,
  next: ConfigurationRequest.HandlerSignature,
): ReturnType<ConfigurationRequest.HandlerSignature> {
  const ours = params.items.map((item) => item.section === CLIENT_ID || item.section?.startsWith(`${CLIENT_ID}.`));
  if (!ours.some(Boolean)) {
    return next(params, token);
  }
  const answer = async (): Promise<unknown[] | ResponseError<void>> => {
    const others: unknown[] | ResponseError<void> = ours.every(Boolean) ? [] : await next(params, token);
    if (others instanceof ResponseError) {
      return others;
    }
    return params.items.map((item, index) => {
      if (!ours[index]) {
        return others[index] ?? null;
      }
      const settings = readServerSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
      if (item.section === CLIENT_ID) {
        return settings;
      }
      const key = item.section!.slice(CLIENT_ID.length + 1) as keyof ServerSettings;
      return settings[key] ?? null;
    });
  };
  return answer();
}

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Server processes this manager spawned and that have not exited (killed on stop). */
  private readonly processes = new Set<ChildProcess>();
  private clientDisposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private waiters: Array<() => void> = [];
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly started = new vscode.EventEmitter<LanguageClient>();
  /** Fires after each successful start, with the new client. */
  readonly onDidStart = this.started.event;
  private readonly stepsReceived = new vscode.EventEmitter<unknown>();
  /** Fires with the `steps` of each status answer (which setup steps the online checks proved). */
  readonly onDidReceiveSteps = this.stepsReceived.event;

  constructor(
    private readonly extensionPath: string,
    private readonly status: StatusBar,
    private readonly onLaunchFailure: (failure: LaunchFailure) => void,
  ) {}

  /** The single restart path: debounced by `delayMs`, serialized with any restart in progress. */
  requestRestart(reason: string, delayMs = RESTART_DELAY_MS): Promise<void> {
    logInfo(`Server restart requested: ${reason}`);
    if (this.timer) {
      clearTimeout(this.timer);
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        const waiters = this.waiters.splice(0);
        this.queue = this.queue
          .then(() => this.restartNow())
          .catch((error) => logError('Server restart failed', error))
          .finally(() => waiters.forEach((done) => done()));
      }, delayMs);
    });
  }

  /** Waits (bounded) for a scheduled or running restart, so a command right after activation works. */
  async whenSettled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.timer || this.waiters.length > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await Promise.race([this.queue, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
  }

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  async executeServerCommand(command: string, args: unknown[] = []): Promise<unknown> {
    await this.whenSettled();
    const client = this.running;
    if (!client) {
      throw new ServerNotRunningError();
    }
    return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Pushes the window-level settings; the server pulls per-folder ones with workspace/configuration. */
  async notifyConfigurationChanged(): Promise<void> {
    const client = this.running;
    if (client) {
      await client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [CLIENT_ID]: readServerSettings() },
      });
    }
  }

  /** JSON-RPC trace = max(`byok-lsp.trace.server`, the output channel's log level). */
  async applyTrace(): Promise<void> {
    const client = this.running;
    try {
      await client?.setTrace(traceFromLogLevel(logChannel().logLevel, traceSetting()));
    } catch (error) {
      logWarn('Setting the JSON-RPC trace level', error); // e.g. the client stopped meanwhile
    }
  }

  private async restartNow(): Promise<void> {
    await this.stopClient();
    if (this.disposed) {
      return;
    }
    const launch = readLaunchSettings();
    if (!launch.enable) {
      logInfo('byok-lsp.enable is false: not starting the server');
      this.status.serverUnavailable('byok-lsp is disabled (byok-lsp.enable).');
      return;
    }
    const trusted = vscode.workspace.isTrusted;
    // Start the likely server process now, while the probe checks the interpreter: its imports
    // (~0.3 s, more in a window still loading) overlap the probe (~0.1 s) instead of following
    // it. The language client only gets it once the probe has confirmed this very launch; if the
    // probe picks another one (or none), it is killed unseen: no failed start, no error popup.
    const likely = likelyLaunch(launch, this.extensionPath, trusted);
    let early = likely ? this.spawnServer(likely.command, ['-m', SERVER_MODULE, 'serve'], serverEnv(likely.libs)) : undefined;
    const resolved = await resolveServerLaunch(launch, this.extensionPath, trusted);
    if (early && (isLaunchFailure(resolved) || !likely || !isSameLaunch(resolved, likely) || early.exitCode !== null)) {
      early.kill();
      early = undefined;
    }
    if (isLaunchFailure(resolved)) {
      this.status.serverUnavailable('No Python 3.10+ that can run byok-lsp was found.');
      this.onLaunchFailure(resolved);
      return;
    }
    const client = this.createClient(resolved, trusted, early);
    this.clientDisposables.push(
      client.onNotification(STATUS_NOTIFICATION, (params: unknown) => {
        this.status.update(params);
        this.readStatus(client, false);
      }),
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped && this.client === client) {
          this.status.serverUnavailable('The byok-lsp server stopped.');
          void vscode.commands.executeCommand('setContext', 'byok-lsp.serverRunning', false);
        }
      }),
    );
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      logError('The byok-lsp server failed to start', error);
      this.status.serverUnavailable('The byok-lsp server failed to start.');
      return;
    }
    this.status.reset();
    // Registered after start, so it runs after the client's own trace.server listener.
    this.clientDisposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CLIENT_ID}.trace.server`)) {
          void this.applyTrace();
        }
      }),
    );
    await this.applyTrace();
    // The status bar shows the server's last known status right away, not only after a check.
    this.readStatus(client, true);
    await vscode.commands.executeCommand('setContext', 'byok-lsp.serverRunning', true);
    logInfo(`Server running (byok-lsp ${resolved.serverVersion}, ${resolved.copy}, workspace ${trusted ? 'trusted' : 'restricted'})`);
    this.started.fire(client);
  }

  /** The server's status answer: its `steps` always, its text only when asked (a notification
   *  already carried the text, and may be a transient "checking…"). */
  private readStatus(client: LanguageClient, showText: boolean): void {
    client.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.status, arguments: [] }).then(
      (result) => {
        if (showText) {
          this.status.update(result);
        }
        if (result && typeof result === 'object') {
          this.stepsReceived.fire((result as { steps?: unknown }).steps);
        }
      },
      (error) => logWarn('Reading the BYOK status', error),
    );
  }

  private spawnServer(command: string[], args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(command[0], [...command.slice(1), ...args, '--stdio'], { cwd: this.extensionPath, env, stdio: 'pipe', windowsHide: true });
    child.on('error', (error) => logWarn(`Starting ${command[0]}`, error)); // e.g. ENOENT: the probe reports it
    this.processes.add(child);
    child.on('exit', () => this.processes.delete(child));
    return child;
  }

  private createClient(launch: ServerLaunch, trusted: boolean, early: ChildProcess | undefined): LanguageClient {
    logInfo(`Server command: ${[launch.command, ...launch.args].join(' ')} --stdio${early ? ' (started during the probe)' : ''}`);
    // The first start takes the process spawned during the probe; a restart by the client itself
    // (after a crash) spawns a new one.
    let pending = early;
    const serverOptions: ServerOptions = () => {
      const child = pending ?? this.spawnServer([launch.command], launch.args, launch.env);
      pending = undefined;
      return Promise.resolve(child);
    };
    const initializationOptions: InitializationOptions = {
      settings: readServerSettings(),
      workspaceTrusted: trusted,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: logChannel(),
      traceOutputChannel: logChannel(),
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions,
      markdown: { isTrusted: { enabledCommands: [...MARKDOWN_ENABLED_COMMANDS] }, supportHtml: false },
      middleware: { workspace: { configuration: configurationMiddleware }, ...codeActionMiddleware },
    };
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const disposable of this.clientDisposables.splice(0)) {
      disposable.dispose();
    }
    await vscode.commands.executeCommand('setContext', 'byok-lsp.serverRunning', false);
    if (!client) {
      return;
    }
    try {
      if (client.state !== State.Stopped) {
        await client.stop(2000);
      }
    } catch (error) {
      logWarn('Stopping the server', error); // e.g. it never finished starting
    }
    // The client does not own processes handed to it: end any that outlived shutdown/exit.
    for (const child of this.processes) {
      child.kill();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.waiters.splice(0).forEach((done) => done());
    await this.stopClient();
    this.started.dispose();
    this.stepsReceived.dispose();
  }
}
