import type { TurnContext } from 'botbuilder';
import type { KnowledgeAnswer } from '../src/knowledge/types.js';
import type { TurnOutcome } from '../src/observability/metrics.js';
import type { Route } from './chooseRoute.js';

export type { TurnOutcome };

/** What a dialog decided about the customer's message, for the turn metrics. */
export interface TurnOutcomeNote {
  /** The intent acted on (the matcher's label, or the dialog that owns the message). */
  intent: string;
  outcome: TurnOutcome;
  /** The knowledge-base answer's confidence, when the turn gave or withheld one. */
  confidence?: number;
}

const KEY = Symbol('turnOutcome');

/**
 * Notes how this turn ended; the bot records it with the turn's latency once the turn is done
 * (AfterSalesBot → TurnMetrics.recordTurn). The last note of a turn wins.
 */
export function noteTurnOutcome(context: TurnContext, note: TurnOutcomeNote): void {
  context.turnState.set(KEY, note);
}

/** The note a dialog left on this turn, if any. */
export function turnOutcomeOf(context: TurnContext): TurnOutcomeNote | undefined {
  return context.turnState.get<TurnOutcomeNote | undefined>(KEY);
}

/** How a routed message ends, before any knowledge-base answer refines it. */
export function routeOutcome(route: Route): TurnOutcomeNote {
  switch (route.kind) {
    case 'repair':
      return { intent: 'report_fault', outcome: 'answered' };
    case 'coverage':
      return { intent: 'coverage_check', outcome: 'answered' };
    case 'ticket':
      return { intent: 'ticket_status', outcome: 'answered' };
    case 'handoff':
      return { intent: 'human_agent', outcome: 'handoff' };
    case 'answer':
      return { intent: 'policy_question', outcome: 'answered' };
    case 'reply':
      return { intent: 'smalltalk', outcome: 'answered' };
    case 'topic':
      return { intent: 'policy_question', outcome: 'answered', confidence: 1 };
    case 'outOfScope':
      return { intent: 'out_of_scope', outcome: 'out_of_scope' };
    case 'misunderstood':
      return route.clarify
        ? { intent: 'unclear', outcome: 'abstained' }
        : { intent: 'out_of_scope', outcome: 'out_of_scope' };
  }
}

/** A knowledge-base answer: answered (or asked which policy), or an honest "not sure". */
export function answerOutcome(answer: KnowledgeAnswer): TurnOutcomeNote {
  return {
    intent: 'policy_question',
    outcome: answer.kind === 'unsure' ? 'abstained' : 'answered',
    confidence: answer.confidence,
  };
}
