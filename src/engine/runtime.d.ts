// The only globals the engine uses beyond ECMAScript: base64 (automaton.ts), which every
// runtime the engine runs in has (browsers, workers, Node ≥ 16). Declared here because the
// engine's own tsconfig leaves out the DOM and Node types on purpose.

declare function btoa(data: string): string;
declare function atob(data: string): string;
