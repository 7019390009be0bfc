/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access -- botbuilder types BotState.get and TurnContext.turnState as any; the values are the StoreItems this file tracks */
import {
  calculateChangeHash,
  ConversationState,
  UserState,
  type Storage,
  type StorageKeyFactory,
  type StoreItem,
  type TurnContext,
} from 'botbuilder';

/**
 * The eTag a state writes when it read nothing: no stored item carries it, so the write only
 * succeeds if the item still does not exist (a create that loses to another create fails).
 */
export const NEW_ITEM_ETAG = 'new-item';

/** What a state remembers of its last load or save in one turn: the hash of the saved contents. */
interface Snapshot {
  state: StoreItem;
  hash: string;
}

/**
 * The save botbuilder's BotState should do: it writes every change with eTag `'*'`, so a turn
 * that loaded stale state silently overwrites a newer one. This one writes with the eTag it
 * loaded, so the storage refuses a stale write (AppError 'conflict' from BotStateStorage) and
 * the turn can run again on fresh state. After a write the new eTag is kept for the next one.
 */
class StateSaver {
  private readonly snapshotKey = Symbol('stateSnapshot');

  /** Records the loaded state so saveChanges can tell whether it changed. */
  track(context: TurnContext, state: StoreItem): StoreItem {
    const known: Snapshot | undefined = context.turnState.get(this.snapshotKey);
    if (known?.state !== state)
      context.turnState.set(this.snapshotKey, { state, hash: calculateChangeHash(state) } satisfies Snapshot);
    return state;
  }

  /** After clear(): the stored item still exists, so the next write must carry its eTag. */
  keepETag(before: StoreItem | undefined, after: StoreItem | undefined): void {
    if (after && before?.eTag && !after.eTag) after.eTag = before.eTag;
  }

  async save(
    context: TurnContext,
    state: StoreItem | undefined,
    force: boolean,
    storage: Storage,
    storageKey: StorageKeyFactory,
  ): Promise<void> {
    if (!state) return;
    const known: Snapshot | undefined = context.turnState.get(this.snapshotKey);
    const hash = calculateChangeHash(state);
    if (!force && known?.state === state && known.hash === hash) return;
    const key = await storageKey(context);
    const item: StoreItem = {
      ...state,
      eTag: typeof state.eTag === 'string' && state.eTag !== '*' ? state.eTag : NEW_ITEM_ETAG,
    };
    await storage.write({ [key]: item });
    // BotStateStorage puts the new eTag on the written item; other stores are read back.
    state.eTag =
      item.eTag !== NEW_ITEM_ETAG && item.eTag !== state.eTag ? item.eTag : (await storage.read([key]))[key]?.eTag;
    context.turnState.set(this.snapshotKey, { state, hash } satisfies Snapshot);
  }
}

/** ConversationState with compare-and-set saves (see StateSaver). */
export class OptimisticConversationState extends ConversationState {
  private readonly saver = new StateSaver();

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    return this.saver.track(context, await super.load(context, force));
  }

  override async clear(context: TurnContext): Promise<void> {
    const before = this.get(context);
    await super.clear(context);
    this.saver.keepETag(before, this.get(context));
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    await this.saver.save(context, this.get(context), force, this.storage, this.storageKey);
  }
}

/** UserState with compare-and-set saves (see StateSaver). */
export class OptimisticUserState extends UserState {
  private readonly saver = new StateSaver();

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    return this.saver.track(context, await super.load(context, force));
  }

  override async clear(context: TurnContext): Promise<void> {
    const before = this.get(context);
    await super.clear(context);
    this.saver.keepETag(before, this.get(context));
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    await this.saver.save(context, this.get(context), force, this.storage, this.storageKey);
  }
}
