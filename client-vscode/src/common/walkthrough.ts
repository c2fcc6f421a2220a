// Walkthrough progress: a step is done when the server says so. The server's `byok-lsp.status`
// answer carries `steps` (which setup steps an online check proved); each maps to a context key
// that the step's `completionEvents` (`onContext:…`) waits for. Clicking a button proves nothing.
// Once proven, a step stays done for the window: VS Code keeps a completed step ticked anyway.
import * as vscode from 'vscode';
import { WalkthroughContext } from './constants';

type StepName = keyof typeof WalkthroughContext;

export class WalkthroughProgress {
  private readonly done = new Set<StepName>();

  /** `steps` from a server status answer; anything malformed is ignored. */
  async update(steps: unknown): Promise<void> {
    if (steps === null || typeof steps !== 'object') {
      return;
    }
    for (const [name, proven] of Object.entries(steps as Record<string, unknown>)) {
      if (proven === true && name in WalkthroughContext && name !== 'onlineChecks') {
        await this.mark(name as StepName);
      }
    }
  }

  /** The "turn on online checks" step is a setting, so the client knows it itself. */
  async onlineChecks(on: boolean): Promise<void> {
    if (on) {
      await this.mark('onlineChecks');
    }
  }

  private async mark(name: StepName): Promise<void> {
    if (!this.done.has(name)) {
      this.done.add(name);
      await vscode.commands.executeCommand('setContext', WalkthroughContext[name], true);
    }
  }
}
