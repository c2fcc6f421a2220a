// Names shared by the extension, package.json and the server. Change them together.
import type { DocumentSelector } from 'vscode-languageclient/node';

export const EXTENSION_ID = 'byok-lsp.byok-lsp';
export const CLIENT_ID = 'byok-lsp'; // also the settings section: vscode-languageclient reads `byok-lsp.trace.server`
export const CLIENT_NAME = 'byok-lsp';
export const SERVER_MODULE = 'byok_lsp';
export const MIN_PYTHON: readonly [number, number] = [3, 10];

/** Coalesces bursts of restart triggers (settings saved twice, trust + interpreter change). */
export const RESTART_DELAY_MS = 500;
/** Upper bound for one `python -c` probe of an interpreter. */
export const PROBE_TIMEOUT_MS = 20_000;

/** Commands the server registers (executeCommandProvider). vscode-languageclient registers each as a
 *  VS Code command with the same id, so the client's own commands must use other ids. */
export const ServerCommand = {
  recheckWorkspace: 'byok-lsp.recheckWorkspace',
  verifyKeys: 'byok-lsp.verifyKeys',
  runPaidProbe: 'byok-lsp.runPaidProbe',
  status: 'byok-lsp.status',
  showSetupGuide: 'byok-lsp.showSetupGuide',
  explainError: 'byok-lsp.explainError',
  openUrl: 'byok-lsp.openUrl',
  setManagementKey: 'byok-lsp.setManagementKey',
} as const;

/** Commands contributed in package.json and implemented in the client. */
export const ClientCommand = {
  restart: 'byok-lsp.restart',
  showLog: 'byok-lsp.showLog',
  openByokPage: 'byok-lsp.openByokPage',
  recheckWorkspace: 'byok-lsp.client.recheckWorkspace',
  verifyKeys: 'byok-lsp.client.verifyKeys',
  runPaidProbe: 'byok-lsp.client.runPaidProbe',
  showSetupGuide: 'byok-lsp.client.showSetupGuide',
  explainError: 'byok-lsp.client.explainError',
  setManagementKey: 'byok-lsp.client.setManagementKey',
  clearManagementKey: 'byok-lsp.client.clearManagementKey',
  enableOnlineChecks: 'byok-lsp.client.enableOnlineChecks',
  showRuleDocs: 'byok-lsp.client.showRuleDocs',
  /** Internal (not in the palette): after a fix added `NAME=` to a .env file, put the cursor there. */
  revealEnvVariable: 'byok-lsp.client.revealEnvVariable',
} as const;

/** `Diagnostic.source` of the server's findings. */
export const DIAGNOSTIC_SOURCE = 'byok-lsp';

/** Walkthrough steps (package.json `completionEvents: onContext:…`): set from the server's
 *  `steps` (what the online checks proved), never from a click. */
export const WalkthroughContext = {
  openaiKey: 'byok-lsp.walkthrough.openaiKeyVerified',
  byokRegistered: 'byok-lsp.walkthrough.byokVerified',
  tierAllowsModel: 'byok-lsp.walkthrough.tierVerified',
  credits: 'byok-lsp.walkthrough.creditsVerified',
  onlineChecks: 'byok-lsp.walkthrough.onlineChecksOn',
} as const;

/** Custom server → client notification carrying the workspace's BYOK status. */
export const STATUS_NOTIFICATION = 'byok-lsp/status';

export const WALKTHROUGH_ID = `${EXTENSION_ID}#byok-setup`;
export const MANAGEMENT_KEY_SECRET = 'byok-lsp.openrouterManagementKey';

export const Url = {
  byokIntegrations: 'https://openrouter.ai/settings/integrations',
} as const;

export const PAID_PROBE_MODEL = 'openai/o3';
export const PAID_PROBE_COST =
  'sends one minimal chat request to openai/o3 through OpenRouter, billed to your account: at most a few tenths of a cent';

/** Where the server looks: code, configs, scripts, notebooks and .env files, on disk only. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...[
    'python',
    'javascript',
    'javascriptreact',
    'typescript',
    'typescriptreact',
    'yaml',
    'toml',
    'json',
    'jsonc',
    'shellscript',
    'dockerfile',
    'makefile',
    'dotenv',
  ].map((language) => ({ scheme: 'file', language })),
  { scheme: 'vscode-notebook-cell', language: 'python' }, // cells of .ipynb notebooks
  { scheme: 'file', pattern: '**/.env*' }, // .env, .env.local, .env.example: whatever language an extension gave them
  { scheme: 'file', pattern: '**/*.env' },
  { scheme: 'file', pattern: '**/*.toml' }, // pyproject.toml, .byok-lsp.toml without a TOML extension installed
];

/** Server commands whose links may run from hover markdown. The paid probe is deliberately absent. */
export const MARKDOWN_ENABLED_COMMANDS: readonly string[] = [
  ClientCommand.verifyKeys,
  ClientCommand.showSetupGuide,
  ClientCommand.openByokPage,
  ClientCommand.enableOnlineChecks,
];
