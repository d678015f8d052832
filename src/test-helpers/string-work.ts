/**
 * A work meter for complexity tests (test-only; not built into dist/): counts the characters that regular
 * expressions scan and that slice/substring copy while a function runs. Comparing the count for an input of size n
 * with one of size k·n tells linear code (ratio ≈ k) from code that rescans or copies the whole text per item
 * (ratio ≈ k²), without timing anything.
 *
 * Regular-expression work is counted through RegExp.prototype.exec, which test(), match(), matchAll(), replace()
 * and split() all call while it is replaced: for a search, the characters from where it starts to the end of the
 * match (or to the end of the string when there is none); for a sticky regex, the match length or 1.
 * String.prototype.indexOf is counted the same way: from where the search starts to the end of what it found, or to
 * the end of the string.
 */
export function countStringWork<T>(fn: () => T): { result: T; chars: number } {
  let chars = 0;
  const regexpProto = RegExp.prototype;
  const stringProto = String.prototype;
  const exec = regexpProto.exec;
  const slice = stringProto.slice;
  const substring = stringProto.substring;
  const substr = stringProto.substr;
  const indexOf = stringProto.indexOf;
  regexpProto.exec = function (this: RegExp, input: string) {
    const str = String(input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, str);
    if (this.sticky) chars += m ? Math.max(1, m[0].length) : 1;
    else chars += m ? m.index + m[0].length - from : str.length - from;
    return m;
  };
  stringProto.indexOf = function (this: string, search: string, position?: number) {
    const at = indexOf.call(this, search, position);
    const from = Math.min(this.length, Math.max(0, Math.trunc(position ?? 0) || 0));
    chars += (at < 0 ? this.length : at + String(search).length) - from;
    return at;
  };
  stringProto.slice = function (this: string, ...args: Parameters<string["slice"]>) {
    const out = slice.apply(this, args);
    chars += out.length;
    return out;
  };
  stringProto.substring = function (this: string, ...args: Parameters<string["substring"]>) {
    const out = substring.apply(this, args);
    chars += out.length;
    return out;
  };
  stringProto.substr = function (this: string, ...args: Parameters<string["substr"]>) {
    const out = substr.apply(this, args);
    chars += out.length;
    return out;
  };
  try {
    const result = fn();
    return { result, chars };
  } finally {
    regexpProto.exec = exec;
    stringProto.slice = slice;
    stringProto.substring = substring;
    stringProto.substr = substr;
    stringProto.indexOf = indexOf;
  }
}
