package fr.espacecommun.registration.internal;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * What a citizen typed in the wizard and keeps in their profile: one attribute per wizard
 * field, named by the field's id, each a column of {@code citizen_profile}
 * ({@code addressSearch} is column {@code address_label}).
 */
@Embeddable
class ProfileFields {

	@Column(name = "organisation_name")
	private @Nullable String organisationName;

	private @Nullable String siret;

	private @Nullable String rna;

	private @Nullable String civility;

	@Column(name = "birth_name")
	private @Nullable String birthName;

	@Column(name = "birth_date")
	private @Nullable LocalDate birthDate;

	@Column(name = "birth_country")
	private @Nullable String birthCountry;

	@Column(name = "birth_department")
	private @Nullable String birthDepartment;

	@Column(name = "birth_city")
	private @Nullable String birthCity;

	@Column(name = "address_label")
	private @Nullable String addressSearch;

	@Column(name = "street_number")
	private @Nullable String streetNumber;

	@Column(name = "street_name")
	private @Nullable String streetName;

	private @Nullable String building;

	private @Nullable String apartment;

	private @Nullable String complement;

	@Column(name = "postal_code")
	private @Nullable String postalCode;

	private @Nullable String city;

	private @Nullable String country;

	private @Nullable String phone;

	private @Nullable String mobile;

	private @Nullable String fax;

	@Column(name = "preferred_contact")
	private @Nullable String preferredContact;

	public @Nullable String getOrganisationName() {
		return this.organisationName;
	}

	public void setOrganisationName(@Nullable String organisationName) {
		this.organisationName = organisationName;
	}

	public @Nullable String getSiret() {
		return this.siret;
	}

	public void setSiret(@Nullable String siret) {
		this.siret = siret;
	}

	public @Nullable String getRna() {
		return this.rna;
	}

	public void setRna(@Nullable String rna) {
		this.rna = rna;
	}

	public @Nullable String getCivility() {
		return this.civility;
	}

	public void setCivility(@Nullable String civility) {
		this.civility = civility;
	}

	public @Nullable String getBirthName() {
		return this.birthName;
	}

	public void setBirthName(@Nullable String birthName) {
		this.birthName = birthName;
	}

	public @Nullable LocalDate getBirthDate() {
		return this.birthDate;
	}

	public void setBirthDate(@Nullable LocalDate birthDate) {
		this.birthDate = birthDate;
	}

	public @Nullable String getBirthCountry() {
		return this.birthCountry;
	}

	public void setBirthCountry(@Nullable String birthCountry) {
		this.birthCountry = birthCountry;
	}

	public @Nullable String getBirthDepartment() {
		return this.birthDepartment;
	}

	public void setBirthDepartment(@Nullable String birthDepartment) {
		this.birthDepartment = birthDepartment;
	}

	public @Nullable String getBirthCity() {
		return this.birthCity;
	}

	public void setBirthCity(@Nullable String birthCity) {
		this.birthCity = birthCity;
	}

	public @Nullable String getAddressSearch() {
		return this.addressSearch;
	}

	public void setAddressSearch(@Nullable String addressSearch) {
		this.addressSearch = addressSearch;
	}

	public @Nullable String getStreetNumber() {
		return this.streetNumber;
	}

	public void setStreetNumber(@Nullable String streetNumber) {
		this.streetNumber = streetNumber;
	}

	public @Nullable String getStreetName() {
		return this.streetName;
	}

	public void setStreetName(@Nullable String streetName) {
		this.streetName = streetName;
	}

	public @Nullable String getBuilding() {
		return this.building;
	}

	public void setBuilding(@Nullable String building) {
		this.building = building;
	}

	public @Nullable String getApartment() {
		return this.apartment;
	}

	public void setApartment(@Nullable String apartment) {
		this.apartment = apartment;
	}

	public @Nullable String getComplement() {
		return this.complement;
	}

	public void setComplement(@Nullable String complement) {
		this.complement = complement;
	}

	public @Nullable String getPostalCode() {
		return this.postalCode;
	}

	public void setPostalCode(@Nullable String postalCode) {
		this.postalCode = postalCode;
	}

	public @Nullable String getCity() {
		return this.city;
	}

	public void setCity(@Nullable String city) {
		this.city = city;
	}

	public @Nullable String getCountry() {
		return this.country;
	}

	public void setCountry(@Nullable String country) {
		this.country = country;
	}

	public @Nullable String getPhone() {
		return this.phone;
	}

	public void setPhone(@Nullable String phone) {
		this.phone = phone;
	}

	public @Nullable String getMobile() {
		return this.mobile;
	}

	public void setMobile(@Nullable String mobile) {
		this.mobile = mobile;
	}

	public @Nullable String getFax() {
		return this.fax;
	}

	public void setFax(@Nullable String fax) {
		this.fax = fax;
	}

	public @Nullable String getPreferredContact() {
		return this.preferredContact;
	}

	public void setPreferredContact(@Nullable String preferredContact) {
		this.preferredContact = preferredContact;
	}

}
