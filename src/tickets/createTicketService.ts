import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { KyselyTicketStore } from './KyselyTicketStore.js';
import { TicketService } from './TicketService.js';

/** The TicketService over the opened database, numbering tickets by the desk's local day. */
export function createTicketService(
  handle: DatabaseHandle,
  config: Pick<AppConfig, 'TZ_OFFSET_MINUTES'>,
): TicketService {
  return new TicketService(new KyselyTicketStore(handle.db, handle.dialect), {
    tzOffsetMinutes: config.TZ_OFFSET_MINUTES,
  });
}
