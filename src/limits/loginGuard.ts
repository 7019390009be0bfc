import type { Limiter, LimiterStore } from './limiter.js';

/** Wrong passwords one login may have from one address before each further try waits. */
const FREE_TRIES = 3;
const MAX_BACKOFF_SECONDS = 15 * 60;

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Password guessing limits, per address and per account, shared by all instances:
 * - an address gets 10 tries a minute and 50 failures an hour (then an hour's pause);
 * - one login from one address gets FREE_TRIES failures, then waits 1 s, 2 s, 4 s … (at most
 *   15 min) after each further failure, until it logs in;
 * - an account with 10 failures in 15 minutes, from anywhere, is under attack: until that
 *   passes, only addresses that have not yet failed on it may try. Spreading guesses over
 *   many addresses then costs an address per guess, while the agent, from an address that
 *   has not failed, still logs in with the right password.
 */
export class LoginGuard {
  private readonly tries: Limiter;
  private readonly addressFailures: Limiter;
  private readonly pairFailures: Limiter;
  private readonly pairPause: Limiter;
  private readonly accountFailures: Limiter;

  constructor(store: LimiterStore) {
    this.tries = store.limiter('login_tries', { points: 10, durationSeconds: 60 });
    this.addressFailures = store.limiter('login_fail_addr', { points: 50, durationSeconds: 3600, blockSeconds: 3600 });
    this.pairFailures = store.limiter('login_fail_pair', { points: 10_000, durationSeconds: 24 * 3600 });
    this.pairPause = store.limiter('login_pause_pair', { points: 1, durationSeconds: MAX_BACKOFF_SECONDS });
    this.accountFailures = store.limiter('login_fail_acct', { points: 10, durationSeconds: 15 * 60 });
  }

  /** Counts an attempt and says whether it may be checked at all (before the password is looked at). */
  async admit(login: string, address: string): Promise<LoginVerdict> {
    const pair = pairKey(login, address);
    const tried = await this.tries.consume(address);
    if (!tried.allowed) return tried;
    const byAddress = await this.addressFailures.used(address);
    if (byAddress.consumed >= this.addressFailures.spec.points)
      return { allowed: false, retryAfterMs: byAddress.msBeforeReset };
    const paused = await this.pairPause.used(pair);
    if (paused.consumed > this.pairPause.spec.points) return { allowed: false, retryAfterMs: paused.msBeforeReset };
    const account = await this.accountFailures.used(accountKey(login));
    if (account.consumed >= this.accountFailures.spec.points && (await this.pairFailures.used(pair)).consumed > 0) {
      return { allowed: false, retryAfterMs: account.msBeforeReset };
    }
    return { allowed: true };
  }

  /** A wrong password (or unknown login): counts against the address, the pair and the account. */
  async failed(login: string, address: string): Promise<void> {
    const pair = pairKey(login, address);
    await this.addressFailures.consume(address);
    await this.accountFailures.consume(accountKey(login));
    const { consumed } = await this.pairFailures.consume(pair);
    if (consumed >= FREE_TRIES)
      await this.pairPause.block(pair, Math.min(2 ** (consumed - FREE_TRIES), MAX_BACKOFF_SECONDS));
  }

  /** The right password: this address starts afresh for this login. */
  async succeeded(login: string, address: string): Promise<void> {
    const pair = pairKey(login, address);
    await this.pairFailures.reset(pair);
    await this.pairPause.reset(pair);
  }
}

const accountKey = (login: string): string => login.trim().toLowerCase();
const pairKey = (login: string, address: string): string => `${accountKey(login)}|${address}`;
