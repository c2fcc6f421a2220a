// The status bar item: what byok-lsp knows about the workspace, in one glance.
//  - the offline findings (byok-lsp's diagnostics in the Problems panel), always;
//  - the online verification as the server reports it (`byok-lsp/status`), when it ran;
//  - or why there is no server.
// Its tooltip offers the next action: show the problems, verify, or turn online checks on.
import * as vscode from 'vscode';
import { ClientCommand, DIAGNOSTIC_SOURCE } from './constants';

export interface StatusParams {
  text: string;
  tooltip?: string;
  level?: string;
}

const NOT_CHECKED_TEXT = 'BYOK: not checked';
const SHOW_PROBLEMS = 'workbench.actions.view.problems';
const OPEN_ONLINE_SETTING = `workbench.action.openSettings?${encodeURIComponent(JSON.stringify(['byok-lsp.onlineChecks']))}`;
/** Commands the tooltip's links may run. */
const TOOLTIP_COMMANDS = [SHOW_PROBLEMS, ClientCommand.verifyKeys, ClientCommand.enableOnlineChecks, 'workbench.action.openSettings', ClientCommand.showLog];

export interface OfflineCounts {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  codes: Map<string, number>;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  const value = typeof code === 'object' && code !== null ? code.value : code;
  return value === undefined ? '?' : String(value);
}

/** byok-lsp's diagnostics across the workspace, as the Problems panel holds them. */
export function countOfflineFindings(): OfflineCounts {
  const counts: OfflineCounts = { errors: 0, warnings: 0, infos: 0, files: 0, codes: new Map() };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) {
      continue;
    }
    counts.files++;
    for (const d of ours) {
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
      counts.codes.set(codeOf(d), (counts.codes.get(codeOf(d)) ?? 0) + 1);
    }
  }
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning" (information findings only when there is nothing worse). */
export function describeCounts(c: OfflineCounts): string {
  const parts = [c.errors ? plural(c.errors, 'error') : '', c.warnings ? plural(c.warnings, 'warning') : ''].filter(Boolean);
  if (parts.length === 0 && c.infos) {
    parts.push(plural(c.infos, 'note'));
  }
  return parts.length ? parts.join(', ') : 'no problems';
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private server: StatusParams = { text: NOT_CHECKED_TEXT };
  private unavailable: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `onlineChecks()`: whether online checks are on and allowed (trusted) right now. */
  constructor(private readonly onlineChecks: () => boolean) {
    this.item = vscode.window.createStatusBarItem('byok-lsp.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'byok-lsp BYOK status';
    this.render();
    this.item.show();
    this.disposables.push(vscode.languages.onDidChangeDiagnostics(() => this.renderSoon()));
  }

  /** A `byok-lsp/status` notification or status answer. Anything malformed is ignored. */
  update(params: unknown): void {
    if (params === null || typeof params !== 'object') {
      return;
    }
    const { text, tooltip, level } = params as Record<string, unknown>;
    if (typeof text !== 'string' || text.length === 0) {
      return;
    }
    this.server = { text, tooltip: typeof tooltip === 'string' ? tooltip : undefined, level: typeof level === 'string' ? level : undefined };
    this.unavailable = undefined;
    this.render();
  }

  reset(): void {
    this.server = { text: NOT_CHECKED_TEXT };
    this.unavailable = undefined;
    this.render();
  }

  serverUnavailable(reason: string): void {
    this.unavailable = reason;
    this.render();
  }

  /** Diagnostics change in bursts (one event per file): draw once per burst. */
  renderSoon(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, 100);
  }

  render(): void {
    if (this.unavailable !== undefined) {
      this.draw('BYOK: server not running', `${this.unavailable}\n\n[Show Log](command:${ClientCommand.showLog})`, 'error', ClientCommand.showLog);
      return;
    }
    const counts = countOfflineFindings();
    const found = counts.errors + counts.warnings + counts.infos > 0;
    const checkedOnline = !this.server.text.startsWith(NOT_CHECKED_TEXT);
    const offlineLine = found
      ? `**Offline checks:** ${describeCounts(counts)}${counts.infos && (counts.errors || counts.warnings) ? ` and ${plural(counts.infos, 'note')}` : ''} in ${plural(counts.files, 'file')} (${[...counts.codes.entries()].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ')}). [Show Problems](command:${SHOW_PROBLEMS})`
      : '**Offline checks:** no problems found.';
    let onlineLine: string;
    if (!this.onlineChecks()) {
      onlineLine = vscode.workspace.isTrusted
        ? `**Online checks:** off. [Turn On Online Checks](command:${ClientCommand.enableOnlineChecks}) · [Open Setting](command:${OPEN_ONLINE_SETTING})`
        : '**Online checks:** never in a restricted workspace (trust it to allow them).';
    } else if (checkedOnline) {
      const details = (this.server.tooltip ?? '').split('\n').filter((l) => l.trim()).map((l) => `- ${l}`).join('\n');
      onlineLine = `**Online checks:** ${this.server.text.replace(/^BYOK:\s*/, '')}. [Verify Again](command:${ClientCommand.verifyKeys})${details ? `\n\n${details}` : ''}`;
    } else {
      onlineLine = `**Online checks:** on, not run yet. [Verify Keys](command:${ClientCommand.verifyKeys})`;
    }
    const tooltip = `${offlineLine}\n\n${onlineLine}`;
    if (checkedOnline) {
      // the verification says more than the offline count: show it, colour by the worse of the two
      const level = worse(this.server.level, counts);
      this.draw(found ? `${this.server.text} · ${describeCounts(counts)}` : this.server.text, tooltip, level, ClientCommand.verifyKeys);
    } else {
      const level = counts.errors ? 'error' : counts.warnings ? 'warning' : 'info';
      this.draw(`BYOK: ${describeCounts(counts)}`, tooltip, level, found ? SHOW_PROBLEMS : ClientCommand.verifyKeys);
    }
  }

  private draw(text: string, tooltip: string, level: string | undefined, command: string): void {
    this.item.text = text;
    const markdown = new vscode.MarkdownString(tooltip);
    markdown.isTrusted = { enabledCommands: TOOLTIP_COMMANDS };
    this.item.tooltip = markdown;
    this.item.command = command;
    switch ((level ?? '').toLowerCase()) {
      case 'error':
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      case 'warning':
      case 'warn':
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      default:
        this.item.backgroundColor = undefined;
    }
    const plain = tooltip.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\*\*/g, '');
    this.item.accessibilityInformation = { label: `${text}. ${plain}` };
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
    this.item.dispose();
  }
}

function worse(serverLevel: string | undefined, counts: OfflineCounts): string {
  const rank = (l: string | undefined) => (l === 'error' ? 2 : l === 'warning' || l === 'warn' ? 1 : 0);
  const offline = counts.errors ? 'error' : counts.warnings ? 'warning' : 'info';
  return rank(serverLevel) >= rank(offline) ? (serverLevel ?? 'info') : offline;
}
