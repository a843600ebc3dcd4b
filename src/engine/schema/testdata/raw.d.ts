// Lets tests import golden text files through Vite's `?raw` suffix (Vitest resolves them).
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
