/** File extensions taken from folders by default (files named explicitly are always read). */
export const DEFAULT_EXTENSIONS = ["txt", "text", "md", "markdown", "mdown", "mkd", "mdx", "html", "htm", "xhtml", "rst", "adoc", "asciidoc", "org"];
