export function ForumCreatePage() { return <p>ForumCreatePage</p>; }
