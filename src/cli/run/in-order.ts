/**
 * Results of promises started together, handed out in the promises' order as each settles. A failure is thrown when
 * its turn comes (no rejection counts as unhandled before), and each result is let go once handed out: a settled
 * promise holds its value, so a long list would otherwise keep every result (a file's text and restoration, a
 * window's edits) until the last one. The list given is emptied as it goes.
 */
export async function* inOrder<T>(promises: Promise<T>[]): AsyncGenerator<T> {
  const list: (Promise<T> | undefined)[] = promises;
  for (const p of list) p!.catch(() => undefined);
  for (let i = 0; i < list.length; i++) {
    const value = await list[i]!;
    list[i] = undefined;
    yield value;
  }
}

/**
 * As inOrder, for `count` jobs started by `start(k)`, at most `ahead` of them at once beyond the one handed out: a job
 * starts when an earlier one's result is handed out, so neither the jobs waiting nor the results that come early pile
 * up (one long text's windows: each job carries its slice of the text, each result a window's edits).
 */
export async function* inOrderAhead<T>(count: number, start: (k: number) => Promise<T>, ahead: number): AsyncGenerator<T> {
  const pending: Promise<T>[] = [];
  let started = 0;
  const next = () => {
    const p = start(started++);
    p.catch(() => undefined);
    pending.push(p);
  };
  while (started < count && pending.length < ahead) next();
  for (let k = 0; k < count; k++) {
    const value = await pending.shift()!;
    if (started < count) next();
    yield value;
  }
}
