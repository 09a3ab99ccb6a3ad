import { type HistLayout, SLOT } from './histogram.ts';

/** Constraints the split finder enforces (scikit-learn HGB semantics, plus L1 from XGBoost). */
export interface SplitConstraints {
  readonly minSamplesLeaf: number;
  /** Minimum Σh in each child (scikit-learn's `min_hessian_to_split`, XGBoost's `min_child_weight`). */
  readonly minChildWeight: number;
  readonly l1: number;
  readonly l2: number;
  readonly minGainToSplit: number;
}

/** The best split of one node. Numeric: left ⇔ bin ≤ `bin`; categorical: left ⇔ bin ∈ `catBitset`. */
export interface SplitInfo {
  gain: number;
  feature: number;
  isCategorical: boolean;
  bin: number;
  missingLeft: boolean;
  /** 256 bits over bin codes (missing bin included when missing values go left). */
  catBitset: Uint32Array | null;
  gLeft: number;
  hLeft: number;
  nLeft: number;
  gRight: number;
  hRight: number;
  nRight: number;
}

/** Categories need this much (hessian-normalised) support to go left; LightGBM's cat_smooth. */
const MIN_CAT_SUPPORT = 10;

/**
 * Leaf weight −T(G)/(H + λ₂), where T soft-thresholds G by λ₁ (XGBoost's L1 on leaf weights).
 * The 1e-15 keeps an empty node finite (and matches scikit-learn's `compute_node_value`).
 */
export function leafWeight(g: number, h: number, l1: number, l2: number): number {
  const t = g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;
  return -t / (h + l2 + 1e-15);
}

/**
 * A node's loss proxy T(G)·w* = −T(G)²/(H + λ₂); the gain of a split is
 * loss(parent) − loss(left) − loss(right). Evaluated in scikit-learn's order of operations so
 * that exactly tied candidates (e.g. two features inducing the same partition) break the same
 * way.
 */
export function nodeLoss(g: number, h: number, l1: number, l2: number): number {
  const t = g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;
  return t * (-t / (h + l2 + 1e-15));
}

/**
 * Best split of a node over `features[0, nFeatures)`, or null when no split satisfies the
 * constraints with positive gain. Numeric features scan bins left→right with missing values
 * on the right, then right→left with them on the left (only for features that had missing
 * values in training); categorical features follow scikit-learn/LightGBM (sort categories by
 * Σg/(Σh + 10), scan the sorted order from both ends up to the middle).
 */
export function findBestSplit(
  hist: Float64Array,
  layout: HistLayout,
  isCategorical: Uint8Array,
  hasMissing: Uint8Array,
  features: Int32Array,
  nFeatures: number,
  sumG: number,
  sumH: number,
  count: number,
  c: SplitConstraints,
  parentLoss: number,
): SplitInfo | null {
  let best: SplitInfo | null = null;
  for (let j = 0; j < nFeatures; j++) {
    const f = features[j];
    const cand = isCategorical[f]
      ? splitCategorical(hist, layout, f, hasMissing[f] === 1, sumG, sumH, count, c, parentLoss)
      : splitNumeric(hist, layout, f, hasMissing[f] === 1, sumG, sumH, count, c, parentLoss);
    if (cand !== null && (best === null || cand.gain > best.gain)) best = cand;
  }
  return best;
}

function splitNumeric(
  hist: Float64Array,
  layout: HistLayout,
  f: number,
  hasMissing: boolean,
  G: number,
  H: number,
  N: number,
  c: SplitConstraints,
  parentLoss: number,
): SplitInfo | null {
  const nBins = layout.nBins[f];
  const base = layout.offsets[f] * SLOT;
  const { minSamplesLeaf: msl, minChildWeight: mcw, l1, l2 } = c;
  let bestGain = Math.max(c.minGainToSplit, 0);
  let bestBin = -1;
  let bestLeft = false;
  let bg = 0;
  let bh = 0;
  let bn = 0;
  // Left to right, missing values go right. The last candidate (all non-missing left) exists
  // only when there are missing values to put on the right.
  const end = nBins - 1 + (hasMissing ? 1 : 0);
  let gl = 0;
  let hl = 0;
  let nl = 0;
  for (let b = 0; b < end; b++) {
    const k = base + b * SLOT;
    gl += hist[k];
    hl += hist[k + 1];
    nl += hist[k + 2];
    if (nl < msl || hl < mcw) continue;
    if (N - nl < msl || H - hl < mcw) break;
    const gain = parentLoss - nodeLoss(gl, hl, l1, l2) - nodeLoss(G - gl, H - hl, l1, l2);
    if (gain > bestGain) {
      bestGain = gain;
      bestBin = b;
      bestLeft = false;
      bg = gl;
      bh = hl;
      bn = nl;
    }
  }
  if (hasMissing) {
    // Right to left, missing values go left: the right child holds bins b+1..nBins-1.
    let gr = 0;
    let hr = 0;
    let nr = 0;
    for (let b = nBins - 2; b >= 0; b--) {
      const k = base + (b + 1) * SLOT;
      gr += hist[k];
      hr += hist[k + 1];
      nr += hist[k + 2];
      if (nr < msl || hr < mcw) continue;
      if (N - nr < msl || H - hr < mcw) break;
      const gain = parentLoss - nodeLoss(G - gr, H - hr, l1, l2) - nodeLoss(gr, hr, l1, l2);
      if (gain > bestGain) {
        bestGain = gain;
        bestBin = b;
        bestLeft = true;
        bg = G - gr;
        bh = H - hr;
        bn = N - nr;
      }
    }
  }
  if (bestBin < 0) return null;
  return {
    gain: bestGain,
    feature: f,
    isCategorical: false,
    bin: bestBin,
    missingLeft: bestLeft,
    catBitset: null,
    gLeft: bg,
    hLeft: bh,
    nLeft: bn,
    gRight: G - bg,
    hRight: H - bh,
    nRight: N - bn,
  };
}

/**
 * Scratch of `splitCategorical` (≤ 255 bins + missing): split finding runs on one thread, and
 * arrays allocated per call were most of its cost on features with few levels.
 */
const catUsed = new Int32Array(257);
const catValue = new Float64Array(257);
const catOrder = new Int32Array(257);

function splitCategorical(
  hist: Float64Array,
  layout: HistLayout,
  f: number,
  hasMissing: boolean,
  G: number,
  H: number,
  N: number,
  c: SplitConstraints,
  parentLoss: number,
): SplitInfo | null {
  const nBins = layout.nBins[f];
  const base = layout.offsets[f] * SLOT;
  const supportFactor = H > 0 ? N / H : 1;
  const used = catUsed;
  const value = catValue;
  let m = 0;
  const last = hasMissing ? nBins : nBins - 1;
  for (let b = 0; b <= last; b++) {
    const k = base + b * SLOT;
    if (hist[k + 1] * supportFactor >= MIN_CAT_SUPPORT) {
      used[m] = b;
      value[m] = hist[k] / (hist[k + 1] + MIN_CAT_SUPPORT);
      m++;
    }
  }
  if (m <= 1) return null;
  // By value, ties by bin (used[] ascends with the index, so the index breaks them alike).
  const order = catOrder.subarray(0, m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => value[a] - value[b] || a - b);
  const { minSamplesLeaf: msl, minChildWeight: mcw, l1, l2 } = c;
  let bestGain = Math.max(c.minGainToSplit, 0);
  let bestDir = 0;
  let bestIdx = -1;
  let bg = 0;
  let bh = 0;
  let bn = 0;
  for (let dir = 1; dir >= -1; dir -= 2) {
    const middle = dir === 1 ? (m + 1) >> 1 : ((m + 1) >> 1) - 1;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let i = 0; i < middle; i++) {
      const s = dir === 1 ? i : m - 1 - i;
      const k = base + used[order[s]] * SLOT;
      gl += hist[k];
      hl += hist[k + 1];
      nl += hist[k + 2];
      if (nl < msl || hl < mcw) continue;
      if (N - nl < msl || H - hl < mcw) break;
      const gain = parentLoss - nodeLoss(gl, hl, l1, l2) - nodeLoss(G - gl, H - hl, l1, l2);
      if (gain > bestGain) {
        bestGain = gain;
        bestDir = dir;
        bestIdx = s;
        bg = gl;
        bh = hl;
        bn = nl;
      }
    }
  }
  if (bestIdx < 0) return null;
  const bits = new Uint32Array(8);
  if (bestDir === 1) for (let s = 0; s <= bestIdx; s++) setBit(bits, used[order[s]]);
  else for (let s = m - 1; s >= bestIdx; s--) setBit(bits, used[order[s]]);
  return {
    gain: bestGain,
    feature: f,
    isCategorical: true,
    bin: -1,
    missingLeft: hasMissing && hasBit(bits, nBins),
    catBitset: bits,
    gLeft: bg,
    hLeft: bh,
    nLeft: bn,
    gRight: G - bg,
    hRight: H - bh,
    nRight: N - bn,
  };
}

export function setBit(bits: Uint32Array, b: number): void {
  bits[b >>> 5] |= 1 << (b & 31);
}

export function hasBit(bits: Uint32Array, b: number): boolean {
  return ((bits[b >>> 5] >>> (b & 31)) & 1) === 1;
}
