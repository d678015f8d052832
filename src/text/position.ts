/** Line and column (1-based, lines split at "\n") of offsets into a text: line starts found once, then binary search. */
export function positionIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    const i = lineIndexAt(starts, offset);
    return { line: i + 1, column: offset - starts[i]! + 1 };
  };
}

/** 0-based index of the line containing `offset`, given the offsets at which lines start (ascending, from 0). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
