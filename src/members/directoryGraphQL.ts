import type { GraphQLExtension, PayloadRequest } from 'payload'

import { RefusedError } from '@/lib/errors'
import { mayBrowseDirectory, searchDirectory } from '@/members/directory'

/**
 * `query { directory(search: "…", tier: 3, page: 1) { page hasNextPage cards { id name organisation email phone photo customFields { label value } } } }`:
 * the same directory, by the same rules, as GET /api/directory. The users collection is never
 * the way in: a card has only what its member shows.
 */
export const directoryGraphQL: GraphQLExtension = (graphQL) => {
  const CustomField = new graphQL.GraphQLObjectType({
    name: 'DirectoryCustomField',
    fields: {
      key: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLString) },
      label: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLString) },
      value: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLString), description: 'As people read it (a choice’s label, Yes or No)' },
    },
  })
  const Card = new graphQL.GraphQLObjectType({
    name: 'DirectoryCard',
    fields: {
      id: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLInt) },
      name: { type: graphQL.GraphQLString },
      organisation: { type: graphQL.GraphQLString },
      email: { type: graphQL.GraphQLString },
      phone: { type: graphQL.GraphQLString },
      photo: { type: graphQL.GraphQLString, description: 'URL of the photo (GET /api/directory/:id/photo)' },
      customFields: { type: new graphQL.GraphQLList(new graphQL.GraphQLNonNull(CustomField)), description: 'The custom member fields this member shows' },
    },
  })
  const Page = new graphQL.GraphQLObjectType({
    name: 'DirectoryPage',
    fields: {
      cards: { type: new graphQL.GraphQLNonNull(new graphQL.GraphQLList(new graphQL.GraphQLNonNull(Card))) },
      page: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLInt) },
      hasNextPage: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLBoolean) },
    },
  })
  return {
    directory: {
      type: new graphQL.GraphQLNonNull(Page),
      args: { search: { type: graphQL.GraphQLString }, tier: { type: graphQL.GraphQLInt }, page: { type: graphQL.GraphQLInt } },
      resolve: async (_: unknown, args: { search?: string; tier?: number; page?: number }, context: { req: PayloadRequest }) => {
        const { req } = context
        if (!req.user) throw new RefusedError('Sign in to browse the member directory.', 401)
        if (!(await mayBrowseDirectory(req))) throw new RefusedError('The member directory is for members: sign in with an active membership to browse it.', 403)
        return searchDirectory(req, args)
      },
    },
  }
}
