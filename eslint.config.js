import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "content/", "test-output/", ".cache/", "tests/bench/out/"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["bin/**/*.js", "*.js"],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts shipped to the reader's browser.
    files: ["templates/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
);
