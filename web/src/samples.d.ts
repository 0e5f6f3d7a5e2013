// Vite's `?raw` imports (declared again here so the unit tests' type-check needs no Vite globals).
declare module '*.crules?raw' {
  const text: string;
  export default text;
}
declare module '*.crtest?raw' {
  const text: string;
  export default text;
}
