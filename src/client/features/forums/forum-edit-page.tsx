export function ForumEditPage() { return <p>ForumEditPage</p>; }
