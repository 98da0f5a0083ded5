/**
 * The users' email keys in sorted order, for ListUsers: a page, and an email-prefix filter, are a
 * binary search and a slice, so they cost the page, not the pool (`npm run bench` measures 10,000 and
 * 100,000 users). Built on first use, not on restore, so a restart from the journal never sorts a
 * list nobody reads; kept sorted by binary insertion after that.
 */
export class EmailIndex {
  private sorted: string[] | undefined;

  constructor(private readonly allKeys: () => Iterable<string>) {}

  add(key: string): void {
    if (!this.sorted) return;
    const at = this.lowerBound(key);
    if (this.sorted[at] !== key) this.sorted.splice(at, 0, key);
  }

  remove(key: string): void {
    if (!this.sorted) return;
    const at = this.lowerBound(key);
    if (this.sorted[at] === key) this.sorted.splice(at, 1);
  }

  /** Up to `limit` keys after `after` (exclusive) that start with `prefix`, and whether more follow. */
  page(prefix: string, after: string | undefined, limit: number): { keys: string[]; more: boolean } {
    const keys = this.keys();
    let at = this.lowerBound(prefix);
    if (after !== undefined && after >= prefix) {
      at = this.lowerBound(after);
      if (keys[at] === after) at++;
    }
    const found: string[] = [];
    for (; at < keys.length && keys[at].startsWith(prefix); at++) {
      if (found.length === limit) return { keys: found, more: true };
      found.push(keys[at]);
    }
    return { keys: found, more: false };
  }

  private keys(): string[] {
    this.sorted ??= [...this.allKeys()].sort();
    return this.sorted;
  }

  private lowerBound(key: string): number {
    const keys = this.keys();
    let [low, high] = [0, keys.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (keys[middle] < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
