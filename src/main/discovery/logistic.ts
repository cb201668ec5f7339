import type { TermVector } from './vectors';

/** One labelled paper: its unit-length term vector, and 1 (wanted) or 0 (not). */
export interface Sample {
  vector: TermVector;
  label: 0 | 1;
  /** How much this paper counts (unlabelled papers used as negatives count less). */
  weight: number;
}

/** A linear model over term vectors: p(wanted) = sigmoid(w · x + bias). */
export interface LinearModel {
  /** Weight per term id (0 for terms the training papers lack). */
  weights: Float32Array;
  bias: number;
}

export interface TrainOptions {
  /** Size of the vocabulary (term ids are below it). */
  terms: number;
  /** Full-batch gradient steps. */
  iterations?: number;
  /** L2 penalty: keeps weights of words seen once from running away. */
  l2?: number;
  /** Called after every step; an awaited promise lets other work run (slices). */
  pause?: () => Promise<void> | void;
}

/**
 * L2-regularized logistic regression, by full-batch gradient descent with
 * Nesterov momentum over sparse vectors. The classes are balanced (each class's
 * weights sum to the same), so 5 starred papers against 500 archived still
 * teach something. Feature vectors have unit length, so a fixed step is stable.
 */
export async function trainLogistic(
  samples: Sample[],
  options: TrainOptions,
): Promise<LinearModel> {
  const { terms, iterations = 30, l2 = 1e-3 } = options;
  const weights = new Float32Array(terms);
  const velocity = new Float32Array(terms);
  const gradient = new Float32Array(terms);
  // Only the terms some sample holds ever move: list them once.
  const touched = touchedTerms(samples, terms);
  let bias = 0;
  let biasVelocity = 0;
  const sampleWeights = balancedWeights(samples);
  const total = sampleWeights.reduce((a, b) => a + b, 0) || 1;
  const step = 2;
  const momentum = 0.9;

  for (let it = 0; it < iterations; it++) {
    // Look ahead (Nesterov): evaluate the gradient at weights + momentum * velocity.
    for (const t of touched) weights[t] += momentum * velocity[t];
    const lookBias = bias + momentum * biasVelocity;
    let biasGradient = 0;
    for (const t of touched) gradient[t] = l2 * weights[t];
    for (let i = 0; i < samples.length; i++) {
      const { vector, label } = samples[i];
      let z = lookBias;
      for (let k = 0; k < vector.terms.length; k++)
        z += weights[vector.terms[k]] * vector.weights[k];
      const g = ((sigmoid(z) - label) * sampleWeights[i]) / total;
      biasGradient += g;
      for (let k = 0; k < vector.terms.length; k++)
        gradient[vector.terms[k]] += g * vector.weights[k];
      // A step over thousands of papers can outlast a slice (the first, before the JIT warms up).
      if (options.pause && (i & 255) === 255) await options.pause();
    }
    for (const t of touched) {
      weights[t] -= momentum * velocity[t];
      velocity[t] = momentum * velocity[t] - step * gradient[t];
      weights[t] += velocity[t];
    }
    biasVelocity = momentum * biasVelocity - step * biasGradient;
    bias += biasVelocity;
    if (options.pause) await options.pause();
  }
  return { weights, bias };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** w · x + bias for one vector. */
export function margin(model: LinearModel, vector: TermVector): number {
  let z = model.bias;
  for (let k = 0; k < vector.terms.length; k++)
    z += model.weights[vector.terms[k]] * vector.weights[k];
  return z;
}

function touchedTerms(samples: Sample[], terms: number): Uint32Array {
  const seen = new Uint8Array(terms);
  const out: number[] = [];
  for (const { vector } of samples) {
    for (const t of vector.terms) {
      if (!seen[t]) {
        seen[t] = 1;
        out.push(t);
      }
    }
  }
  return Uint32Array.from(out);
}

function balancedWeights(samples: Sample[]): number[] {
  let positive = 0;
  let negative = 0;
  for (const s of samples) {
    if (s.label === 1) positive += s.weight;
    else negative += s.weight;
  }
  return samples.map((s) =>
    s.label === 1 ? s.weight / Math.max(positive, 1e-9) : s.weight / Math.max(negative, 1e-9),
  );
}

/**
 * A nearest-centroid linear model (Rocchio): w = mean of the positive vectors
 * minus mean of the negative ones, so w · x is how much closer x lies to the
 * positives. One pass over the samples: cheap enough for one model per tag.
 */
export function trainCentroid(samples: Sample[], terms: number): LinearModel {
  const weights = new Float32Array(terms);
  const sampleWeights = balancedWeights(samples);
  samples.forEach(({ vector, label }, i) => {
    const w = label === 1 ? sampleWeights[i] : -sampleWeights[i];
    for (let k = 0; k < vector.terms.length; k++) weights[vector.terms[k]] += w * vector.weights[k];
  });
  return { weights, bias: 0 };
}
