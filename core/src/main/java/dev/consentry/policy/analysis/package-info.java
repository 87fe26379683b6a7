/**
 * Static analysis of policy versions, before any item is seen: what each version decides for
 * every (category, purpose) pair ({@link dev.consentry.policy.analysis.PolicyMatrix}), what it
 * gets wrong or leaves unsaid ({@link dev.consentry.policy.analysis.PolicyLint}), and what changed
 * between two versions ({@link dev.consentry.policy.analysis.PolicyDiff}).
 */
package dev.consentry.policy.analysis;
