import fc from 'fast-check';
import { fuzzSeeds } from './fuzz-seeds';

/**
 * Every fast-check property without a seed of its own (vitest setup file) runs
 * with the fixed seed too, so no test draws a new one per run. Tests that
 * honour the list of failed seeds pass `seed` themselves (fuzzSeeds()).
 */
fc.configureGlobal({ seed: fuzzSeeds('any')[0] });
