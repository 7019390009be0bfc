import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
} from 'botframework-connector';

/** Runs one bot turn for an inbound activity and returns what the bot said. */
export interface BotTurnRunner {
  runTurn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** Activity types the bot may emit that a channel never shows to the user. */
const INTERNAL_TYPES = new Set(['trace', 'delay', 'invokeResponse']);

/**
 * Never used for replies (they are buffered, see below), but CloudAdapter insists on a client;
 * an anonymous one keeps a misbehaving bot from leaking credentials to an arbitrary serviceUrl.
 */
class AnonymousConnectorFactory extends ConnectorFactory {
  async create(serviceUrl: string): Promise<ConnectorClient> {
    return new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
  }
}

/**
 * Calls the bot in-process through its own CloudAdapter (so its middleware, onTurnError and
 * state handling all run) with deliveryMode "expectReplies": the replies come back as the
 * turn's result instead of over HTTP. We are the channel, so the request is authenticated
 * by construction; this works the same with or without Microsoft app credentials.
 */
export function createAdapterTurnRunner(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  botAppId = '',
  onError: (error: unknown) => void = () => undefined,
): BotTurnRunner {
  const claimsIdentity = new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: botAppId },
      { type: AuthenticationConstants.AppIdClaim, value: botAppId },
    ],
    true,
  );
  const auth = { audience: botAppId, claimsIdentity, connectorFactory: new AnonymousConnectorFactory() };
  return {
    async runTurn(activity) {
      // The context is a revocable proxy, dead after the turn; keep the buffer array itself,
      // which onTurnError's apology also lands in.
      let replies: Partial<Activity>[] = [];
      const inbound: Partial<Activity> = { ...activity, deliveryMode: 'expectReplies' };
      try {
        await adapter.processActivityDirect(auth, toActivity(inbound), async (context) => {
          replies = context.bufferedReplyActivities;
          await logic(context);
        });
      } catch (error) {
        // onTurnError apologised (buffered) and rethrew: deliver the apology, report the rest.
        if (replies.length === 0) throw error;
        onError(error);
      }
      return replies.filter((reply) => !INTERNAL_TYPES.has(String(reply.type)));
    },
  };
}

/** The adapter's signature wants a full Activity; every field it reads is present here. */
function toActivity(partial: Partial<Activity>): Activity {
  const {
    type = 'message',
    id = '',
    timestamp = new Date(),
    localTimestamp = new Date(),
    localTimezone = '',
    callerId = '',
    serviceUrl = '',
    channelId = 'directline',
    from = { id: '', name: '' },
    conversation = { id: '', name: '', isGroup: false, conversationType: '' },
    recipient = { id: '', name: '' },
    text = '',
    label = '',
    valueType = '',
    listenFor = [],
    ...rest
  } = partial;
  return {
    ...rest,
    type,
    id,
    timestamp,
    localTimestamp,
    localTimezone,
    callerId,
    serviceUrl,
    channelId,
    from,
    conversation,
    recipient,
    text,
    label,
    valueType,
    listenFor,
  };
}
