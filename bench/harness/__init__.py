"""Drivers shared by the benchmarks and the reliability tests: kill cycles (imports, redactions and
analyses SIGKILLed at random points) and the fuzzing input strategies. They live with the benchmarks,
which run them at scale; tests/reliability imports them with bench/ on its path (bench/ never
imports tests/)."""
