import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { useSessionStore } from '../stores/session';

/** One click: a silent guest session when needed, then straight to the transcription screen. */
export function useStartTranscribing() {
  const session = useSessionStore();
  const router = useRouter();
  const starting = ref<string | null>(null);
  const failed = ref(false);

  async function start(slug: string): Promise<void> {
    starting.value = slug;
    failed.value = false;
    try {
      await session.ensureSession();
      await router.push({ name: 'transcribe', params: { slug } });
    } catch {
      failed.value = true;
    } finally {
      starting.value = null;
    }
  }

  return { start, starting, failed };
}
