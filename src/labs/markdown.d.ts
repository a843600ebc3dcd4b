// Step texts are imported as strings through Vite's `?raw` suffix (also in Vitest).
declare module '*.md?raw' {
  const text: string;
  export default text;
}
