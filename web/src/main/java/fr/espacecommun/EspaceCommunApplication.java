package fr.espacecommun;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Espace Commun platform: one application serving every commune's portal. */
@SpringBootApplication
public class EspaceCommunApplication {

	public static void main(String[] args) {
		SpringApplication.run(EspaceCommunApplication.class, args);
	}

}
