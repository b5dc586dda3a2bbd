"""Analyses over many evaluations: sampling, uncertainty, sensitivity, sweeps, break-even."""
