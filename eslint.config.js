// ESLint (flat config) for the map page's own script, geo/static/map.js.
// The script runs in the browser after Leaflet (global L) and folium's page code; it is plain
// ES5-style code in one IIFE, so the recommended rules plus a few that catch real mistakes.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["geo/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2018,
      sourceType: "script",
      globals: {...globals.browser, L: "readonly"},
    },
    rules: {
      "eqeqeq": ["error", "always", {null: "ignore"}],
      "no-implicit-globals": "error",
      "no-use-before-define": ["error", {functions: false, classes: true, variables: true}],
      "no-var": "off",
    },
  },
];
