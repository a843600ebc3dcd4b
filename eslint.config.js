// Lint rules: TypeScript hygiene plus the layer and determinism rules of DESIGN.md §2.
import tseslint from 'typescript-eslint';

const determinism = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use the injected virtual clock.' },
    { object: 'Math', property: 'random', message: 'Use the injected seeded RNG.' },
    { object: 'performance', property: 'now', message: 'Use the injected virtual clock.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Schedule on the virtual clock.' },
    { name: 'setInterval', message: 'Schedule on the virtual clock.' },
    { name: 'window', message: 'No DOM in pure layers.' },
    { name: 'document', message: 'No DOM in pure layers.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected virtual clock.' },
  ],
};

const layer = (forbidden) => ({
  'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: 'Layer rule (DESIGN.md §2); scripts/depcheck.mjs checks every arrow.' })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: { ...determinism, ...layer(['**/shell/**', '**/labs/**', '**/worker/**', '**/ui/**', 'react', 'react-dom', 'd3', 'zustand']) },
  },
  {
    files: ['src/shell/**/*.ts'],
    ignores: ['src/shell/**/*.test.ts'],
    rules: { ...determinism, ...layer(['**/labs/**', '**/worker/**', '**/ui/**', 'react', 'react-dom', 'd3', 'zustand']) },
  },
  {
    files: ['src/labs/**/*.ts'],
    rules: layer(['**/ui/**', '**/worker/**', 'react', 'react-dom']),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: layer(['**/ui/**', 'react', 'react-dom']),
  },
);
