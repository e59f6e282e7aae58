import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';

export type SocketState = 'connecting' | 'connected' | 'disconnected';

/** Whether the browser and the live connection are up; drives the lost-connection banner. */
export const useConnectionStore = defineStore('connection', () => {
  const socket = ref<SocketState>('connecting');
  const browserOnline = ref(true);
  const everConnected = ref(false);

  const offline = computed(
    () => !browserOnline.value || (everConnected.value && socket.value === 'disconnected'),
  );

  function setSocket(next: SocketState): void {
    socket.value = next;
    if (next === 'connected') everConnected.value = true;
  }

  function setBrowserOnline(online: boolean): void {
    browserOnline.value = online;
  }

  return {
    socket: readonly(socket),
    browserOnline: readonly(browserOnline),
    offline,
    setSocket,
    setBrowserOnline,
  };
});
