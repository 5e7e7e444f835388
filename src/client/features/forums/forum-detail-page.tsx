export function ForumDetailPage() { return <p>ForumDetailPage</p>; }
