import type { TurnContext } from 'botbuilder';
import type { HandoffOutcome, HandoffRequest, HandoffRequester } from '../../dialogs/dependencies.js';

/**
 * The dialogs need a HandoffRequester when they are built, but the live relay can only be built
 * after the bot (Direct Line runs the bot). This stands in and forwards once connected.
 */
export class DeferredHandoffRequester implements HandoffRequester {
  private target: HandoffRequester | undefined;

  connect(target: HandoffRequester): void {
    this.target = target;
  }

  async requestHandoff(request: HandoffRequest, context: TurnContext): Promise<HandoffOutcome> {
    return this.target ? this.target.requestHandoff(request, context) : {};
  }
}
