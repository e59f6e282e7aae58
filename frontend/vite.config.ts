import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: [
      {
        find: /^@cotejo\/backend\/contracts$/,
        replacement: fileURLToPath(new URL('../backend/src/contracts/index.ts', import.meta.url)),
      },
      {
        find: /^@cotejo\/backend\/contracts\/(.*)$/,
        replacement: fileURLToPath(new URL('../backend/src/contracts/$1', import.meta.url)),
      },
    ],
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
