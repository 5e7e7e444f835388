import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Organization, OrganizationCreateInput, OrganizationUpdateInput } from '../../../domain/organization-admin';
import { api } from '../../lib/http';
import { invalidateAfter } from '../../lib/invalidation';
import { organizationKeys } from '../../lib/query-keys';

/** Query keys: all → lists → list() → details → detail(id) (lib/query-keys.ts). */
export { organizationKeys };

export const organizationListQueryOptions = () =>
  queryOptions({
    queryKey: organizationKeys.list(),
    queryFn: ({ signal }) => api<{ items: Organization[] }>('/api/organizations', { signal }).then((r) => r.items),
  });

export const organizationQueryOptions = (id: number) =>
  queryOptions({
    queryKey: organizationKeys.detail(id),
    queryFn: ({ signal }) => api<Organization>(`/api/organizations/${id}`, { signal }),
  });

/** Creates the organisation and its first administrator (one request, one transaction on the server). */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationCreateInput) => api<Organization>('/api/organizations', { method: 'POST', body: input }),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      return invalidateAfter(queryClient, { kind: 'organization' });
    },
  });
}

/** Saves the whole organisation with the version the form started from (409 when someone saved it since). */
export function useUpdateOrganization(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationUpdateInput) => api<Organization>(`/api/organizations/${id}`, { method: 'PUT', body: input }),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      return invalidateAfter(queryClient, { kind: 'organization' });
    },
  });
}
