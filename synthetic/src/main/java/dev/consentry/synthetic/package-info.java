/** A deterministic, streaming generator of a realistic communications platform. */
package dev.consentry.synthetic;
