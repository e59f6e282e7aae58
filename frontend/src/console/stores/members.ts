import { readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { CreatedInvitation, InvitationView } from '@cotejo/backend/contracts';
import { membersApi, type Member } from '../services/console';

/** Members and invitations of one organization; the last created link is kept to copy. */
export const useMembersStore = defineStore('console-members', () => {
  const members = ref<Member[]>([]);
  const invitations = ref<InvitationView[]>([]);
  const lastLink = ref<{ email: string; url: string } | null>(null);
  const loading = ref(false);

  async function load(org: string): Promise<void> {
    loading.value = true;
    try {
      const [m, i] = await Promise.all([membersApi.members(org), membersApi.invitations(org)]);
      members.value = m.members;
      invitations.value = i.invitations;
    } finally {
      loading.value = false;
    }
  }

  async function invite(org: string, email: string, role: 'owner' | 'editor'): Promise<CreatedInvitation> {
    const created = await membersApi.invite(org, { email, role });
    lastLink.value = {
      email: created.invitation.email,
      url: `${window.location.origin}${created.acceptPath}`,
    };
    invitations.value = [created.invitation, ...invitations.value];
    return created;
  }

  async function revoke(org: string, id: string): Promise<void> {
    await membersApi.revoke(org, id);
    await load(org);
  }

  async function remove(org: string, userId: string): Promise<void> {
    await membersApi.remove(org, userId);
    members.value = members.value.filter((m) => m.id !== userId);
  }

  return {
    members: readonly(members),
    invitations: readonly(invitations),
    lastLink: readonly(lastLink),
    loading: readonly(loading),
    load,
    invite,
    revoke,
    remove,
  };
});
