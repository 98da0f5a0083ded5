/**
 * The time local mode runs on: the machine's clock plus an offset that only moves forward, until
 * it is reset. Token lifetimes and the authorizers' expiry checks, code expiry, lockout and
 * attempt windows, sign-in sessions and rotation grace periods all read it, so "an hour later" is
 * one request (`POST /_local/clock`) instead of an hour. It starts at zero with each `npm start`
 * and is never saved. SigV4's signing-time check keeps the machine's real time: a client signs with
 * its own clock, which the offset does not move.
 */
export class LocalClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  readonly now = (): number => this.base() + this.offsetMs;

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** What `/_local/clock` answers. */
  reading(): { offsetSeconds: number; now: string } {
    return { offsetSeconds: this.offsetMs / 1000, now: new Date(this.now()).toISOString() };
  }
}
