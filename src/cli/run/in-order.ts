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
