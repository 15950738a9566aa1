/** Staff pages for citizens' data rights: search, export, erasure. */
@NullMarked
package fr.espacecommun.rights.web;

import org.jspecify.annotations.NullMarked;
