// Case families of the EVM differential test: which fork each runs on and how
// its cases are made. `programCase` (cases.mjs) builds the common shape; a
// family adds its own snippets (`extra`), precompile inputs and transactions.
import { programCase } from './cases.mjs';
import { cancunPrecompileInput } from './precompile_inputs.mjs';

export const families = {
  // Random programs over every Cancun opcode and the Cancun precompiles: the baseline.
  cancun: {
    fork: 'cancun',
    precompileInput: cancunPrecompileInput,
    make: (r, ctx) => programCase(r, ctx, families.cancun),
  },
};

// The families the CTest runs: those with zero differences today. The others
// run with --families all (or SUTURE_EVMDIFF_FAMILIES) and are reported.
export const DEFAULT_FAMILIES = ['cancun'];
