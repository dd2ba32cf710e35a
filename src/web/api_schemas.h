/* api_schemas.h: the named schemas of api_schemas.c. */
#ifndef PLUSONE_WEB_API_SCHEMAS_H
#define PLUSONE_WEB_API_SCHEMAS_H

#include "web/schema.h"

extern const schema_t SCH_Cursor;
extern const schema_t SCH_Error;
extern const schema_t SCH_FieldError;
extern const schema_t SCH_FieldErrors;
extern const schema_t SCH_Ok;
extern const schema_t SCH_Role;
extern const schema_t SCH_LoginRequest;
extern const schema_t SCH_Session;
extern const schema_t SCH_Me;
extern const schema_t SCH_PasswordChange;
extern const schema_t SCH_User;
extern const schema_t SCH_UserList;
extern const schema_t SCH_UserNew;
extern const schema_t SCH_UserPatch;
extern const schema_t SCH_AuditEntry;
extern const schema_t SCH_AuditPage;
extern const schema_t SCH_Cash;
extern const schema_t SCH_Dashboard;
extern const schema_t SCH_Unit;
extern const schema_t SCH_UnitList;
extern const schema_t SCH_UnitDetail;
extern const schema_t SCH_UnitNew;
extern const schema_t SCH_Person;
extern const schema_t SCH_PersonFull;
extern const schema_t SCH_PovertyCertificate;
extern const schema_t SCH_PersonDetails;
extern const schema_t SCH_PersonList;
extern const schema_t SCH_PersonNew;
extern const schema_t SCH_PersonPatch;
extern const schema_t SCH_Participation;
extern const schema_t SCH_CoveragePeriod;
extern const schema_t SCH_ReceiptHead;
extern const schema_t SCH_Coverage;
extern const schema_t SCH_Pension;
extern const schema_t SCH_Household;
extern const schema_t SCH_HouseholdPatch;
extern const schema_t SCH_PovertyNew;
extern const schema_t SCH_MembershipNew;
extern const schema_t SCH_StopNew;
extern const schema_t SCH_SupportAmounts;
extern const schema_t SCH_QuoteBhxh;
extern const schema_t SCH_QuoteLump;
extern const schema_t SCH_QuoteBhyt;
extern const schema_t SCH_Param;
extern const schema_t SCH_ParamList;
extern const schema_t SCH_ParamNew;
extern const schema_t SCH_PaymentItem;
extern const schema_t SCH_Payment;
extern const schema_t SCH_ReceiptLine;
extern const schema_t SCH_Receipt;
extern const schema_t SCH_ReceiptEnvelope;
extern const schema_t SCH_Preview;
extern const schema_t SCH_ReceiptPage;
extern const schema_t SCH_VoidRequest;
extern const schema_t SCH_RemitRequest;
extern const schema_t SCH_Remittance;
extern const schema_t SCH_ReferralSummary;
extern const schema_t SCH_ReferralNew;
extern const schema_t SCH_Referral;
extern const schema_t SCH_DueItem;
extern const schema_t SCH_DueList;
extern const schema_t SCH_Notice;
extern const schema_t SCH_Candidates;
extern const schema_t SCH_DuplicatePair;
extern const schema_t SCH_DuplicateList;
extern const schema_t SCH_MergeRequest;
extern const schema_t SCH_MergeResult;
extern const schema_t SCH_DistinctResult;
extern const schema_t SCH_CollectorCash;
extern const schema_t SCH_CollectorCashList;
extern const schema_t SCH_RemittanceRecord;
extern const schema_t SCH_RemittanceItem;
extern const schema_t SCH_RemittanceDetail;
extern const schema_t SCH_RemittancePage;
extern const schema_t SCH_RemittanceConfirmed;
extern const schema_t SCH_CollectionPoint;
extern const schema_t SCH_CollectionPointPatch;

/* The query arguments of every list: limit (1 to 200, default 50) and
 * after (a cursor). */
extern const schema_t API_LIMIT, API_AFTER;

/* Every named schema, NULL-terminated (the document's components). */
extern const schema_t *const api_schemas[];

#endif
