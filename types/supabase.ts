export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      exec_rate_hits: {
        Row: {
          at: string
          budget: string
          user_id: string
        }
        Insert: {
          at?: string
          budget?: string
          user_id: string
        }
        Update: {
          at?: string
          budget?: string
          user_id?: string
        }
        Relationships: []
      }
      projects: {
        Row: {
          created_at: string
          id: string
          name: string
          user_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          name: string
          user_id: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string
          user_id?: string
        }
        Relationships: []
      }
      sandbox_create_reservations: {
        Row: {
          created_at: string
          id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          user_id: string
        }
        Update: {
          created_at?: string
          id?: string
          user_id?: string
        }
        Relationships: []
      }
      sandbox_expiry_claims: {
        Row: {
          claim: string
          claimed_at: string
          sandbox_instance_id: string
        }
        Insert: {
          claim?: string
          claimed_at?: string
          sandbox_instance_id: string
        }
        Update: {
          claim?: string
          claimed_at?: string
          sandbox_instance_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sandbox_expiry_claims_sandbox_instance_id_fkey"
            columns: ["sandbox_instance_id"]
            isOneToOne: true
            referencedRelation: "sandbox_instances"
            referencedColumns: ["id"]
          },
        ]
      }
      sandbox_instances: {
        Row: {
          cold_path: string | null
          config: Json | null
          container_id: string | null
          created_at: string
          expires_at: string | null
          hot_path: string | null
          id: string
          last_heartbeat_at: string | null
          project_id: string | null
          sandbox_id: string
          status: string
          stop_reason: string | null
          stopped_at: string | null
          ttl_seconds: number
          updated_at: string
          user_id: string
        }
        Insert: {
          cold_path?: string | null
          config?: Json | null
          container_id?: string | null
          created_at?: string
          expires_at?: string | null
          hot_path?: string | null
          id?: string
          last_heartbeat_at?: string | null
          project_id?: string | null
          sandbox_id: string
          status?: string
          stop_reason?: string | null
          stopped_at?: string | null
          ttl_seconds?: number
          updated_at?: string
          user_id: string
        }
        Update: {
          cold_path?: string | null
          config?: Json | null
          container_id?: string | null
          created_at?: string
          expires_at?: string | null
          hot_path?: string | null
          id?: string
          last_heartbeat_at?: string | null
          project_id?: string | null
          sandbox_id?: string
          status?: string
          stop_reason?: string | null
          stopped_at?: string | null
          ttl_seconds?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sandbox_instances_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      sign_in_failures: {
        Row: {
          failures: number
          key: string
          locked_until: string | null
          scope: string
          window_started_at: string
        }
        Insert: {
          failures?: number
          key: string
          locked_until?: string | null
          scope: string
          window_started_at?: string
        }
        Update: {
          failures?: number
          key?: string
          locked_until?: string | null
          scope?: string
          window_started_at?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      auth_session_is_active: {
        Args: { p_session_id: string }
        Returns: boolean
      }
      claim_expired_sandboxes: {
        Args: {
          p_lease_seconds?: number
          p_limit?: number
          p_stuck_seconds?: number
          p_user_id?: string
        }
        Returns: {
          claim: string
          sandbox_id: string
          sandbox_instance_id: string
        }[]
      }
      clear_sign_in_failures: {
        Args: { p_account: string }
        Returns: undefined
      }
      record_created_sandbox: {
        Args: {
          p_cold_path: string
          p_config: string
          p_container_id?: string
          p_hot_path: string
          p_project_id?: string
          p_reservation: string
          p_sandbox_id: string
          p_status: string
          p_ttl_seconds: number
          p_user_id: string
        }
        Returns: {
          cold_path: string | null
          config: Json | null
          container_id: string | null
          created_at: string
          expires_at: string | null
          hot_path: string | null
          id: string
          last_heartbeat_at: string | null
          project_id: string | null
          sandbox_id: string
          status: string
          stop_reason: string | null
          stopped_at: string | null
          ttl_seconds: number
          updated_at: string
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "sandbox_instances"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      record_sandbox_expired: {
        Args: { p_claim: string; p_sandbox_instance_id: string }
        Returns: {
          cold_path: string | null
          config: Json | null
          container_id: string | null
          created_at: string
          expires_at: string | null
          hot_path: string | null
          id: string
          last_heartbeat_at: string | null
          project_id: string | null
          sandbox_id: string
          status: string
          stop_reason: string | null
          stopped_at: string | null
          ttl_seconds: number
          updated_at: string
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "sandbox_instances"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      record_sign_in_failure: {
        Args: {
          p_account: string
          p_account_limit: number
          p_address: string
          p_address_limit: number
          p_window_seconds: number
        }
        Returns: number
      }
      release_expiry_claim: {
        Args: { p_claim: string; p_sandbox_instance_id: string }
        Returns: undefined
      }
      release_sandbox_slot: {
        Args: { p_reservation: string }
        Returns: undefined
      }
      reserve_sandbox_slot: {
        Args: { p_hold_seconds?: number; p_limit: number; p_user_id: string }
        Returns: string
      }
      sign_in_wait_seconds: {
        Args: { p_account: string; p_address: string }
        Returns: number
      }
      take_exec_rate_limit: {
        Args: {
          p_budget?: string
          p_limit: number
          p_user_id: string
          p_window_seconds: number
        }
        Returns: number
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const

