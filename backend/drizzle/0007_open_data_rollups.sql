CREATE TABLE "record_rollup_dims" (
	"project_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"field" text NOT NULL,
	"month" boolean NOT NULL,
	CONSTRAINT "record_rollup_dims_project_id_dim_pk" PRIMARY KEY("project_id","dim")
);
--> statement-breakpoint
CREATE TABLE "record_rollup_metrics" (
	"project_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"money" boolean NOT NULL,
	CONSTRAINT "record_rollup_metrics_project_id_metric_pk" PRIMARY KEY("project_id","metric")
);
--> statement-breakpoint
CREATE TABLE "record_rollups" (
	"project_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"metric" text NOT NULL,
	"key" text,
	"currency" text,
	"count" bigint NOT NULL,
	"n" bigint NOT NULL,
	"sum" numeric,
	"min" numeric,
	"max" numeric,
	"stale" boolean DEFAULT false NOT NULL,
	CONSTRAINT "record_rollups_group_key" UNIQUE NULLS NOT DISTINCT("project_id","dim","metric","key","currency")
);
--> statement-breakpoint
ALTER TABLE "record_rollup_dims" ADD CONSTRAINT "record_rollup_dims_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rollup_metrics" ADD CONSTRAINT "record_rollup_metrics_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rollups" ADD CONSTRAINT "record_rollups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "records_document_page_idx" ON "records" USING btree ("document_id","page_number");