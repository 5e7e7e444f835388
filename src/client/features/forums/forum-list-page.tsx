export function ForumListPage() { return <p>ForumListPage</p>; }
