// L2-regularised logistic regression fitted by Newton's method (IRLS). Small and exact for the few dozen
// features the scorers use; no dependency needed for that.

/**
 * X: array of Float64Array rows (first column the bias), y: 0/1 labels, w (optional): example weights.
 * lambda: L2 penalty on every weight but the bias. Returns the weight vector.
 */
export function fitLogistic(X, y, { lambda = 1, iterations = 30, weights } = {}) {
  const d = X[0].length;
  let beta = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d);
    const hess = Array.from({ length: d }, () => new Float64Array(d));
    for (let n = 0; n < X.length; n++) {
      const x = X[n];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * x[j];
      const p = 1 / (1 + Math.exp(-z));
      const w = weights ? weights[n] : 1;
      const g = w * (p - y[n]);
      const h = w * Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        if (x[j] === 0) continue;
        grad[j] += g * x[j];
        const hx = h * x[j];
        for (let k = j; k < d; k++) hess[j][k] += hx * x[k];
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[j][k] = hess[k][j];
    for (let j = 1; j < d; j++) {
      grad[j] += lambda * beta[j];
      hess[j][j] += lambda;
    }
    hess[0][0] += 1e-6;
    const step = solve(hess, grad);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j] -= step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    if (change < 1e-7) break;
  }
  return Array.from(beta);
}

/** Solve A x = b (A symmetric positive definite) by Gaussian elimination with partial pivoting. */
function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    const v = M[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / v;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / (M[r][r] || 1e-12);
  }
  return x;
}

export const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** Log loss and expected calibration error (10 bins) of predictions p against labels y. */
export function calibration(p, y) {
  let loss = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, y: 0 }));
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-9, Math.max(1e-9, p[i]));
    loss -= y[i] ? Math.log(q) : Math.log(1 - q);
    const b = bins[Math.min(9, Math.floor(q * 10))];
    b.n++;
    b.p += q;
    b.y += y[i];
  }
  let ece = 0;
  for (const b of bins) if (b.n) ece += (b.n / p.length) * Math.abs(b.p / b.n - b.y / b.n);
  return { loss: loss / p.length, ece };
}

/**
 * Conditional logit with a "keep" baseline: at each site the choices are keeping the text (score 0) or one of its
 * candidates (score w·x). sites: [{ X: rows, y: index of the right candidate or -1 for keep, O: optional fixed log-odds added to each row (an offset: weights fitted with another model's held) }]. Fitted by Newton's
 * method with an L2 penalty on every weight but the first (the bias).
 */
export function fitChoice(sites, { lambda = 1, iterations = 50, penalty } = {}) {
  // penalty: per-weight factor on lambda (default 1; the bias is never penalised).
  const d = sites.find((s) => s.X.length)?.X[0].length ?? 1;
  let beta = new Float64Array(d);
  const objective = (b) => {
    let loss = 0;
    for (const { X, O, y } of sites) {
      if (X.length === 0) continue;
      const z = X.map((x, c) => x.reduce((s, v, j) => s + v * b[j], O ? O[c] : 0));
      const mz = Math.max(0, ...z);
      const lse = mz + Math.log(Math.exp(-mz) + z.reduce((a, v) => a + Math.exp(v - mz), 0));
      loss += lse - (y >= 0 ? z[y] : 0);
    }
    for (let j = 1; j < d; j++) loss += 0.5 * lambda * (penalty?.[j] ?? 1) * b[j] * b[j];
    return loss;
  };
  let current = objective(beta);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d);
    const hess = Array.from({ length: d }, () => new Float64Array(d));
    for (const { X, O, y } of sites) {
      if (X.length === 0) continue;
      const z = X.map((x, c) => x.reduce((s, v, j) => s + v * beta[j], O ? O[c] : 0));
      const mz = Math.max(0, ...z);
      const e = z.map((v) => Math.exp(v - mz));
      const denom = Math.exp(-mz) + e.reduce((a, b) => a + b, 0);
      const p = e.map((v) => v / denom);
      const mean = new Float64Array(d);
      X.forEach((x, c) => {
        for (let j = 0; j < d; j++) mean[j] += p[c] * x[j];
      });
      for (let j = 0; j < d; j++) grad[j] += mean[j] - (y >= 0 ? X[y][j] : 0);
      X.forEach((x, c) => {
        const pc = p[c];
        if (pc < 1e-12) return;
        for (let j = 0; j < d; j++) {
          if (x[j] === 0) continue;
          const a = pc * x[j];
          for (let k = j; k < d; k++) hess[j][k] += a * x[k];
        }
      });
      for (let j = 0; j < d; j++) {
        if (mean[j] === 0) continue;
        for (let k = j; k < d; k++) hess[j][k] -= mean[j] * mean[k];
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[j][k] = hess[k][j];
    for (let j = 1; j < d; j++) {
      const l = lambda * (penalty?.[j] ?? 1);
      grad[j] += l * beta[j];
      hess[j][j] += l;
    }
    for (let j = 0; j < d; j++) hess[j][j] += 1e-6;
    const step = solve(hess, grad);
    // Newton's step, halved until the objective goes down.
    let scale = 1;
    let next;
    let value;
    for (;;) {
      next = beta.map((b, j) => b - scale * step[j]);
      value = objective(next);
      if (value <= current || scale < 1e-6) break;
      scale /= 2;
    }
    const improvement = current - value;
    beta = next;
    current = value;
    if (improvement < 1e-8 * Math.max(1, Math.abs(current))) break;
  }
  return Array.from(beta);
}
